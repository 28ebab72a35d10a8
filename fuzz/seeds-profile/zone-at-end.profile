profile p
record ticket
field id required : Id
zone +01:00