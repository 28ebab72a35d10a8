# Jira Service Management (Cloud): issues, "Export > Export Excel CSV (all
# fields)" or "(current fields)" from the issue navigator; the current
# fields are the navigator's columns, often without "Resolved", and name
# the organisations "Organizations" rather than "Custom field (...)".  Dates follow the default Jira format
# dd/MMM/yy h:mm a in the exporting user's time zone (set "zone" to it);
# fields that hold several values (Labels, Comment, ...) repeat their
# column.  Custom fields are exported as "Custom field (NAME)".
profile   jira-issues
record    ticket
system    jira
timestamp DD/MMM/YY h:mm AM | DD/MMM/YYYY h:mm AM | YYYY-MM-DD hh:mm
date      DD/MMM/YY | DD/MMM/YYYY
zone      UTC

field id             required : Issue key
field subject        column   : Summary
field status         required : Status
field priority       column   : Priority
field category                : Custom field (Request Type) | Request Type
field created        required : Created
field first_response          : Custom field (First Response Date)
field resolved                : Resolved
field org_name                : Custom field (Organizations) | Organizations
field org_domain     email-domain : Custom field (Reporter Email)
field external_account_id     : Custom field (CRM Account ID)

map priority Highest  = P1
map priority Blocker  = P1
map priority High     = P2
map priority Critical = P2
map priority Medium   = P3
map priority Major    = P3
map priority Low      = P4
map priority Lowest   = P4
map priority Minor    = P4
map status   Open                    = open
map status   To Do                   = open
map status   Work in progress        = open
map status   Under review            = open
map status   Completed               = closed
map status   Waiting for support     = new
map status   In Progress             = open
map status   Escalated               = open
map status   Waiting for customer    = pending
map status   Pending                 = pending
map status   Waiting for approval    = pending
map status   Resolved                = solved
map status   Done                    = closed
map status   Closed                  = closed
map status   Canceled                = closed
map status   Declined                = closed
default priority Medium
