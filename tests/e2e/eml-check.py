#!/usr/bin/env python3
# Parses each .eml file given with Python's email package (a real MIME
# parser, not ours) and prints one line per file:
#   NAME KIND TO PARTS ATTACHMENT-SHA256 SUBJECT
# (ATTACHMENT-SHA256 "-" without one).  Exits 1 when a file is not a
# well-formed message: a missing header, a defect the parser found.
import hashlib
import os
import sys
from email import policy
from email.parser import BytesParser

bad = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        msg = BytesParser(policy=policy.default).parse(f)
    problems = [h for h in ("From", "To", "Date", "Message-ID", "Subject")
                if not msg[h]]
    problems += [type(d).__name__ for d in msg.defects]
    digest, parts = "-", 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        parts += 1
        problems += [type(d).__name__ for d in part.defects]
        if part.get_content_disposition() == "attachment":
            digest = hashlib.sha256(part.get_payload(decode=True)).hexdigest()
        else:
            part.get_content()  # decodes the text: fails on a bad charset
    if problems:
        print("%s: %s" % (path, ", ".join(problems)), file=sys.stderr)
        bad = 1
    print(os.path.basename(path), msg["X-Reportpipe-Kind"],
          msg["To"].addresses[0].addr_spec, parts, digest,
          str(msg["Subject"]))
sys.exit(bad)
