# Freshdesk: tickets, "Export" from the ticket list (CSV), default field
# labels.  Times are YYYY-MM-DD HH:MM:SS in the helpdesk time zone.
profile   freshdesk-tickets
record    ticket
system    freshdesk
timestamp YYYY-MM-DD hh:mm:ss | YYYY-MM-DD hh:mm:ssZ | YYYY-MM-DD hh:mm
date      YYYY-MM-DD

field id             required : Ticket ID
field subject        column   : Subject
field status         required : Status
field priority       column   : Priority
field category                : Type | Category
field created        required : Created time
field first_response          : Initial response time
field resolved                : Resolved time
field resolved                : Closed time
field org_name                : Company Name | Company
field org_domain     email-domain : Email
field sla_first_response      : First response status
field sla_resolution          : Resolution status

map status   Open                   = open
map status   Pending                = pending
map status   Waiting on Customer    = pending
map status   Waiting on Third Party = pending
map status   Resolved               = solved
map status   Closed                 = closed
map priority Urgent                 = P1
map priority High                   = P2
map priority Medium                 = P3
map priority Low                    = P4
map sla_first_response Within SLA   = met
map sla_first_response SLA Violated = breached
map sla_resolution     Within SLA   = met
map sla_resolution     SLA Violated = breached
default priority Low
