# HubSpot: companies, "Export" from the companies index (CSV), default
# property labels.  Dates are YYYY-MM-DD, times YYYY-MM-DD HH:mm.
profile   hubspot-companies
record    account
system    hubspot
timestamp YYYY-MM-DD hh:mm | YYYY-MM-DD hh:mm:ss
date      YYYY-MM-DD
number    1,234.56

field id             required : Record ID | Company ID
field name           required : Company name | Name
field owner          column   : Company owner
field domain         lower    : Company Domain Name
field website                 : Website URL
field industry                : Industry
field country        country  : Country/Region
field annual_revenue          : Annual Revenue
field tier                    : Customer Tier | Type
field renewal                 : Renewal Date
