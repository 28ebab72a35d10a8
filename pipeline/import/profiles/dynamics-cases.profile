# Microsoft Dynamics 365 Customer Service: Cases view or Advanced Find,
# "Export to Excel", saved as CSV (Excel's "CSV (Comma delimited)" is
# Windows-1252, "CSV UTF-8" has a BOM).  A case has no resolution time of
# its own (it lives in the Case Resolution activity): resolved cases
# usually arrive without one.
profile   dynamics-cases
record    ticket
system    dynamics
timestamp MM/DD/YYYY hh:mm AM | MM/DD/YYYY hh:mm
date      MM/DD/YYYY

field id             required : Case Number
field subject        column   : Case Title
field status         required : Status Reason | Status
field priority       column   : Priority
field category                : Case Type | Subject
field created        required : Created On
field resolved                : Resolved On | Resolution Date
field org_name                : Customer
field external_account_id     : (Do Not Modify) Customer
field escalated               : Is Escalated | Escalated

map status   In Progress          = open
map status   Researching          = open
map status   On Hold              = pending
map status   Waiting for Details  = pending
map status   Problem Solved       = solved
map status   Information Provided = solved
map status   Cancelled            = closed
map status   Merged               = closed
# "Status" (the state), when a view shows it instead of "Status Reason".
map status   Active               = open
map priority High                 = P2
map priority Normal               = P3
map priority Low                  = P4
default priority Normal
