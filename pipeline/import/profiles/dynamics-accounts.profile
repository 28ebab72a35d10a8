# Microsoft Dynamics 365 Sales: Accounts view, "Export to Excel", saved as
# CSV.  The hidden "(Do Not Modify)" columns carry the record GUID, row
# checksum and modification time.  en-US dates (M/D/YYYY h:mm AM).
profile   dynamics-accounts
record    account
system    dynamics
timestamp MM/DD/YYYY hh:mm AM | MM/DD/YYYY hh:mm
date      MM/DD/YYYY
number    1,234.56

field id             required : (Do Not Modify) Account
field name           required : Account Name
field owner          column   : Owner
field tier                    : Category | Relationship Type
field industry                : Industry
field country        country  : Address 1: Country/Region | Address 1: Country
field website                 : Website
field annual_revenue          : Annual Revenue
