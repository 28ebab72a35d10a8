# Salesforce: Contacts & Accounts report, "Export > Details Only > Comma
# Delimited .csv".  "Contact Role" and "Primary Contact" are custom fields.
profile   salesforce-contacts
record    contact
system    salesforce
timestamp MM/DD/YYYY hh:mm AM
date      MM/DD/YYYY

field id             required : Contact ID
field account_id     column   : Account ID
field name                    : First Name
field name    append required : Last Name
field title                   : Title
field email                   : Email
field phone                   : Phone | Mobile
field role                    : Contact Role | Role
field primary                 : Primary Contact | Primary
