# Program plan, milestones sheet: our own format (docs/import-profiles.md).
profile   program-plan-milestones
record    milestone
system    program-plan
date      DD.MM.YYYY | YYYY-MM-DD

field id             required : Milestone ID
field project_id     column   : Project ID
field account_id              : Customer Account ID
field name           required : Milestone
field owner                   : Owner
field status                  : Status
field due                     : Due
field completed               : Completed
