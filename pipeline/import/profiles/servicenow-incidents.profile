# ServiceNow: incident list, "Export > CSV".  The header holds the column
# names (number, short_description, opened_at, resolved_at, ...: the list
# export and sysparm_default_export_fields=all) or, from a report, the
# display labels (Number, Short description, Opened, Resolved, ...).
# Times are YYYY-MM-DD HH:MM:SS in the exporting user's zone.  Incidents
# closed by a workflow or migrated often have no resolved_at.
profile   servicenow-incidents
record    ticket
system    servicenow
timestamp YYYY-MM-DD hh:mm:ss | MM/DD/YYYY hh:mm:ss
date      YYYY-MM-DD

field id             required : Number
field subject        column   : Short description | short_description
field status         required : State | Incident state | incident_state
field priority       column   : Priority
field category                : Category
field created        required : Opened | opened_at
field resolved                : Resolved | resolved_at
field resolved                : Closed | closed_at
field org_name                : Company | company
field reopened                : Reopen count | reopen_count
field sla_resolution          : Made SLA | made_sla

map priority 1 - Critical = P1
map priority 2 - High     = P2
map priority 3 - Moderate = P3
map priority 4 - Low      = P4
map priority 5 - Planning = P4
map priority 5            = P4
map status   New          = new
map status   In Progress  = open
map status   On Hold      = pending
map status   Resolved     = solved
map status   Closed       = closed
map status   Canceled     = closed
# Unformatted exports (sysparm_display_value=false) write the choice values.
map status   1            = new
map status   2            = open
map status   3            = pending
map status   6            = solved
map status   7            = closed
map status   8            = closed
