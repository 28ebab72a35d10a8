# Salesforce: Opportunities report, "Export > Details Only > Comma
# Delimited .csv" (multi-currency orgs add "Amount Currency").
profile   salesforce-opportunities
record    opportunity
system    salesforce
timestamp MM/DD/YYYY hh:mm AM
date      MM/DD/YYYY
number    1,234.56

field id             required : Opportunity ID
field account_id     column   : Account ID
field name           required : Opportunity Name
field stage          required : Stage
field type                    : Type
field currency                : Amount Currency | Opportunity Currency
field amount                  : Amount
field probability             : Probability (%)
field close_date              : Close Date
field closed                  : Closed
field won                     : Won
