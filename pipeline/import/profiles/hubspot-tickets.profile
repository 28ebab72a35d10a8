# HubSpot Service Hub: tickets, "Export" from the tickets index (CSV),
# default property labels, either "properties in the view" or "all
# properties".  Newer exports name the id "Record ID"; association columns
# are "Associated Company" (names) and "Associated Company IDs".  A ticket
# closed by a workflow, merged or imported often has no "Close date".
profile   hubspot-tickets
record    ticket
system    hubspot
timestamp YYYY-MM-DD hh:mm | YYYY-MM-DD hh:mm:ss
date      YYYY-MM-DD

field id             required : Ticket ID | Record ID
field subject        column   : Ticket name
field status         required : Ticket status
field priority                : Priority
field category                : Category | Ticket category
field created        required : Create date
field first_response          : First agent reply date | First agent email response date
field resolved                : Close date
field org_name                : Associated Company (Primary) | Associated Company
field external_account_id     : Associated Company IDs (Primary) | Associated Company ID | Associated Company IDs

map status   New                = new
map status   Waiting on contact = pending
map status   Waiting on us      = open
map status   Closed             = closed
map priority Urgent             = P1
map priority High               = P2
map priority Medium             = P3
map priority Low                = P4
default priority Medium
