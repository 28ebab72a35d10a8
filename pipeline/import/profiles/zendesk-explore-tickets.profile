# Zendesk Explore: a report on the Support: Tickets dataset, exported as
# CSV (report > Export > CSV).  Columns are the attributes and metrics the
# report author chose, under Explore's names: "Ticket ID", "Ticket
# status", "Ticket created - Timestamp", "Ticket solved - Timestamp",
# "Ticket organization name", metrics such as "First reply time (min)".
# A metric column may carry its aggregator ("AVG First reply time (min)")
# when the report shows it; one row per ticket needs "Ticket ID" as a row.
# Timestamps are in the account's time zone without an offset: set "zone"
# in a copy when the account is not on UTC.
profile   zendesk-explore-tickets
record    ticket
system    zendesk
timestamp YYYY-MM-DDThh:mm:ssZ | YYYY-MM-DD hh:mm:ss Z | YYYY-MM-DD hh:mm Z
date      YYYY-MM-DD
number    1,234.56

field id             required : Ticket ID
field subject                 : Ticket subject
field status         required : Ticket status
field priority       column   : Ticket priority
field category                : Ticket type | Ticket form
field created        required : Ticket created - Timestamp
field first_response minutes-after-created : First reply time (min) | AVG First reply time (min) | First reply time (min) - Calendar hours
field resolved                : Ticket solved - Timestamp
field org_name                : Ticket organization name | Organization name
field org_domain     email-domain : Requester email | Ticket requester email
field reopened                : Reopens | Ticket reopens

map status   New      = new
map status   Open     = open
map status   Pending  = pending
map status   Hold     = pending
map status   On-hold  = pending
map status   Solved   = solved
map status   Closed   = closed
map priority Urgent   = P1
map priority High     = P2
map priority Normal   = P3
map priority Low      = P4
# Explore shows a ticket without priority as "-"; the desk treats it as
# Normal.
map priority -        = P3
default priority Normal
