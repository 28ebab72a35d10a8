# Salesforce Service Cloud: Cases report, "Export > Details Only > Comma
# Delimited .csv".  Cases carry the CRM "Account ID".  "First Response" is
# a custom date/time field (or an entitlement milestone's completion).
profile   salesforce-cases
record    ticket
system    salesforce
timestamp MM/DD/YYYY hh:mm AM | MM/DD/YYYY, hh:mm AM
date      MM/DD/YYYY

field id             required : Case Number
field account_id     column   : Account ID
field subject        column   : Subject
field status         required : Status
field priority       column   : Priority
field category                : Type | Case Reason
field created        required : Date/Time Opened
field first_response          : First Response
field resolved                : Date/Time Closed
field org_name                : Account Name
field escalated               : Escalated

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
