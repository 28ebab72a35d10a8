# Program plan, projects sheet: our own format (docs/import-profiles.md),
# kept by the program manager in a spreadsheet and saved as CSV.
profile   program-plan-projects
record    project
system    program-plan
date      DD.MM.YYYY | YYYY-MM-DD
number    1.234,56

field id             required : Project ID
field name           required : Project
field account_id              : Customer Account ID
field goal                    : Goal
field owner                   : Project Manager
field phase                   : Phase
field budget                  : Budget
field actual                  : Actual to Date
field start                   : Start
field end                     : Finish
field rag                     : RAG
