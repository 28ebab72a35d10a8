# Program plan, risks sheet (the RAID log): our own format
# (docs/import-profiles.md).
profile   program-plan-risks
record    risk
system    program-plan
date      DD.MM.YYYY | YYYY-MM-DD

field id             required : Risk ID
field project_id     column   : Project ID
field account_id              : Customer Account ID
field title          required : Risk
field owner                   : Risk Owner
field probability             : Probability
field impact                  : Impact
field mitigation              : Mitigation
field status                  : Status
field due                     : Review Date
