# HubSpot: deals, "Export" from the deals index (CSV), default property
# labels ("properties in the view" or "all properties").  A deal with
# several companies lists their ids in "Associated Company IDs" separated
# by ';': the primary one is in the "(Primary)" column, tried first.
profile   hubspot-deals
record    opportunity
system    hubspot
timestamp YYYY-MM-DD hh:mm | YYYY-MM-DD hh:mm:ss
date      YYYY-MM-DD
number    1,234.56

field id             required : Record ID | Deal ID
field name           required : Deal Name
field stage          required : Deal Stage
field account_id              : Associated Company IDs (Primary) | Associated Company ID | Associated Company IDs
field type                    : Deal Type
field currency                : Currency
field amount                  : Amount
field probability             : Deal probability
field close_date              : Close Date
field closed                  : Is Closed
field won                     : Is Closed Won
