# Salesforce: Opportunity records by API field name (Data Loader, Data
# Export service Opportunity.csv).  Headers match whatever their case;
# IsClosed and IsWon are true/false; CurrencyIsoCode only in multi-currency
# orgs.  Salesforce Object Reference, "Opportunity".
profile   salesforce-api-opportunities
record    opportunity
system    salesforce
timestamp YYYY-MM-DDThh:mm:ssZ | YYYY-MM-DD hh:mm:ssZ
date      YYYY-MM-DD
number    1234.56

field id             required : Id
field account_id     column   : AccountId
field name           required : Name
field stage          required : StageName
field type                    : Type
field currency                : CurrencyIsoCode
field amount                  : Amount
field probability             : Probability
field close_date              : CloseDate
field closed                  : IsClosed
field won                     : IsWon
