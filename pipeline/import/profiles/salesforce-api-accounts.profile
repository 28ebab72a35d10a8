# Salesforce: Account records by API field name, as Data Loader ("Export"),
# the weekly Data Export service (Account.csv) and most integration tools
# write them.  Data Loader writes the header in upper case (ID, NAME,
# BILLINGCOUNTRY); headers match whatever their case.  Ids are 18
# characters (a report's 15 match them in the merge); OwnerId is a user id,
# shown by name when a User export is imported too (salesforce-api-users).
# Times are ISO 8601 in UTC (2026-03-04T09:15:00.000Z).
# Salesforce Object Reference, "Account".
profile   salesforce-api-accounts
record    account
system    salesforce
timestamp YYYY-MM-DDThh:mm:ssZ | YYYY-MM-DD hh:mm:ssZ
date      YYYY-MM-DD
number    1234.56

field id             required : Id
field name           required : Name
field owner                   : Owner.Name | OwnerId
field industry                : Industry
field country        country  : BillingCountry | ShippingCountry
field website                 : Website
field annual_revenue          : AnnualRevenue
field tier                    : Customer_Tier__c | Tier__c
field renewal                 : Contract_End_Date__c | Renewal_Date__c
field arr                     : ARR__c
field contract_start          : Customer_Since__c
# Where printed reviews are shipped (docs/workflow.md).
field billing_street          : BillingStreet
field billing_city            : BillingCity
field billing_state           : BillingState
field billing_postal_code     : BillingPostalCode
