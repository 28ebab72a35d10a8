# Salesforce: Accounts report, "Export > Details Only > Comma Delimited
# .csv", en_US locale (dates M/D/YYYY, times M/D/YYYY h:mm AM in the
# exporting user's zone).  "Customer Tier", "Contract End Date", "ARR" and
# "Customer Since" are custom fields, exported under their labels.
profile   salesforce-accounts
record    account
system    salesforce
timestamp MM/DD/YYYY hh:mm AM | MM/DD/YYYY, hh:mm AM
date      MM/DD/YYYY
number    1,234.56

field id             required : Account ID
field name           required : Account Name
field owner          column   : Account Owner
field tier                    : Customer Tier | Tier
field industry                : Industry
field country        country  : Billing Country
field website                 : Website
field annual_revenue          : Annual Revenue
field renewal                 : Contract End Date | Renewal Date
field arr                     : ARR | Annual Recurring Revenue
field contract_start          : Customer Since | Contract Start Date
