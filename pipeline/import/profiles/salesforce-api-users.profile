# Salesforce: User records by API field name (Data Loader, Data Export
# service User.csv): what an OwnerId stands for.  The merge shows an
# account's owner by name when its OwnerId is one of these users.
# Salesforce Object Reference, "User".
profile   salesforce-api-users
record    user
system    salesforce

field id             required : Id
field name           required : Name
field username       column   : Username
field email                   : Email
field active                  : IsActive
