# Program plan, roles sheet: who fills which role; "Assigned To" is empty
# for a role not yet filled.  Our own format (docs/import-profiles.md).
profile   program-plan-roles
record    role
system    program-plan
number    1.234,56

field role           required : Role
field person         column   : Assigned To
field project_id              : Project ID
field account_id              : Customer Account ID
field allocation              : Allocation (%)
