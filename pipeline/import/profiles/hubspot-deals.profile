# HubSpot: deals, "Export" from the deals index (CSV), default property
# labels.
profile   hubspot-deals
record    opportunity
system    hubspot
timestamp YYYY-MM-DD hh:mm | YYYY-MM-DD hh:mm:ss
date      YYYY-MM-DD
number    1,234.56

field id             required : Record ID | Deal ID
field name           required : Deal Name
field stage          required : Deal Stage
field account_id              : Associated Company ID | Associated Company IDs (Primary)
field type                    : Deal Type
field currency                : Currency
field amount                  : Amount
field probability             : Deal probability
field close_date              : Close Date
field closed                  : Is Closed
field won                     : Is Closed Won
