# Zendesk Support: tickets, CSV export (Admin Center > Account > Tools >
# Reports > Export > CSV, or Views > Export as CSV).  Times are written in
# ISO 8601 with the account's UTC offset; first reply is a duration in
# minutes.  "Category" is a custom ticket field (a drop-down); Zendesk
# exports custom fields under their title.  See docs/import-profiles.md.
profile   zendesk-tickets
record    ticket
system    zendesk
timestamp YYYY-MM-DDThh:mm:ssZ | YYYY-MM-DD hh:mm:ss Z | YYYY-MM-DD hh:mm Z
date      YYYY-MM-DD
number    1,234.56

field id             required : Id
field subject        column   : Subject
field status         required : Status
field priority       column   : Priority
field category                : Category | Ticket type
field created        required : Created at
field first_response minutes-after-created : First reply time in minutes
field resolved       column   : Solved at
field org_name                : Organization
field org_domain     email-domain : Requester email
field org_domain     lower    : Requester domain
field external_account_id     : Organization external id
field reopened                : Reopens

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
# A Zendesk ticket may have no priority at all: the desk treats it as Normal.
default priority Normal
