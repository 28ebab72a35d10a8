# Salesforce: Contact records by API field name (Data Loader, Data Export
# service Contact.csv).  Headers match whatever their case.
# Salesforce Object Reference, "Contact".
profile   salesforce-api-contacts
record    contact
system    salesforce
timestamp YYYY-MM-DDThh:mm:ssZ | YYYY-MM-DD hh:mm:ssZ
date      YYYY-MM-DD

field id             required : Id
field account_id     column   : AccountId
field name                    : FirstName
field name    append required : LastName
field title                   : Title
field email                   : Email
field phone                   : Phone | MobilePhone
field role                    : Contact_Role__c | Role__c
field primary                 : Primary_Contact__c | Primary__c
