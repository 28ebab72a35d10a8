# Salesforce Service Cloud: Case records by API field name (Data Loader,
# Data Export service Case.csv).  Headers match whatever their case; times
# ISO 8601 in UTC (2026-03-04T09:15:00.000Z or +0000).  The case's key is
# its CaseNumber (what agents and customers quote), else its Id.  A
# relationship column Account.Name (a Data Loader query) is the account's
# name for matching when AccountId is empty.
# Salesforce Object Reference, "Case".
profile   salesforce-api-cases
record    ticket
system    salesforce
timestamp YYYY-MM-DDThh:mm:ssZ | YYYY-MM-DD hh:mm:ssZ
date      YYYY-MM-DD

field id             required : CaseNumber | Id
field account_id     column   : AccountId
field subject                 : Subject
field status         required : Status
field priority                : Priority
field category                : Type | Reason
field created        required : CreatedDate
field first_response          : First_Response__c
field resolved                : ClosedDate
field org_name                : Account.Name
field org_domain     email-domain : SuppliedEmail | ContactEmail
field escalated               : IsEscalated

map status   New                 = new
map status   Working             = open
map status   Escalated           = open
map status   On Hold             = pending
map status   Waiting on Customer = pending
map status   Resolved            = solved
map status   Closed              = closed
map priority Critical            = P1
map priority High                = P2
map priority Medium              = P3
map priority Low                 = P4
default priority Medium
