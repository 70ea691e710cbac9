"""The usual way to back up a Ghost site's content today, for comparison.

Logs in with the Owner's email and password like Ghost Admin's sign-in page
(a session cookie), then saves the content export (GET /ghost/api/admin/db/)
to a file. Credentials come from the environment, never the command line.

    GHOST_ADMIN_URL=http://127.0.0.1:2368/ GHOST_USERNAME=... GHOST_PASSWORD=... \\
        python3 usual_script.py content.json
"""
import os
import sys
from urllib.parse import urljoin, urlsplit

import requests

admin_url = os.environ["GHOST_ADMIN_URL"]
api = urljoin(admin_url, "ghost/api/admin/")
parts = urlsplit(admin_url)
# Ghost refuses a session request without the admin's origin (CSRF protection).
headers = {"Origin": f"{parts.scheme}://{parts.netloc}"}

with requests.Session() as session:
    login = session.post(
        urljoin(api, "session/"),
        json={"username": os.environ["GHOST_USERNAME"], "password": os.environ["GHOST_PASSWORD"]},
        headers=headers,
    )
    login.raise_for_status()
    export = session.get(urljoin(api, "db/"), headers=headers)
    export.raise_for_status()
    with open(sys.argv[1], "wb") as out:
        out.write(export.content)
