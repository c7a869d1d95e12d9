"""Signs in to a running `heed serve` as a person would (the sign-in form with its CSRF
cookie) and prints the session cookie and the session's CSRF token, for schemathesis to
send on every request: `python3 sign_in.py URL NAME PASSWORD` -> `heed_session=...  TOKEN`.
Standard library only."""

import http.client
import json
import re
import sys
import urllib.parse


def cookies_of(response):
    """The name=value pairs a response sets."""
    return dict(
        h.split(";", 1)[0].split("=", 1)
        for k, h in response.getheaders()
        if k.lower() == "set-cookie"
    )


def main(url, name, password):
    host = urllib.parse.urlsplit(url).netloc
    conn = http.client.HTTPConnection(host, timeout=10)
    conn.request("GET", "/login")
    form = conn.getresponse()
    page = form.read().decode()
    login_cookies = cookies_of(form)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"name": name, "password": password, "csrf": token})
    conn.request(
        "POST",
        "/login",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in login_cookies.items()),
        },
    )
    signed = conn.getresponse()
    signed.read()
    session = {k: v for k, v in cookies_of(signed).items() if v}
    if signed.status not in (302, 303) or "heed_session" not in session:
        sys.exit(f"sign_in.py: signing in as {name} answered {signed.status}")
    cookie = f"heed_session={session['heed_session']}"
    conn.request("GET", "/api/v1/session", headers={"Cookie": cookie})
    who = conn.getresponse()
    csrf = json.loads(who.read())["csrf"]
    print(cookie, csrf)


if __name__ == "__main__":
    main(*sys.argv[1:4])
