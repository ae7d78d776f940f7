#!/usr/bin/env python3
"""cdp.py - drive a headless Chromium over its DevTools protocol, on the
pipe of --remote-debugging-pipe (file descriptors 3 and 4, messages
ended by a NUL byte): no npm package, no network port.

    cdp.py CHROMIUM SITE_DIR SHOT_DIR

Loads SITE_DIR/index.html from file://, checks that the search form was
shown by its script, follows links down to a bulletin (year, month,
page), checks its breadcrumb and previous/next, searches for a title and
for a phrase of the text, and saves screenshots (desktop and 390 px
wide) in SHOT_DIR.  Prints one line per check; exit status 1 on the
first failure."""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self, exe, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():
            # (copies first: a pipe's own descriptor may be 3 or 4)
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--remote-debugging-pipe",
             "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions",
             "--user-data-dir=" + profile, "about:blank"],
            preexec_fn=wire, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self.read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr,
                                           "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError("script failed: %s: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def wait(self, expr, what, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            try:
                v = self.eval(expr)
            except RuntimeError as e:
                # a navigation under way replaces the page asked
                if "navigated" not in str(e) and "context" not in str(e):
                    raise
                v = None
            if v:
                return v
            time.sleep(0.1)
        raise RuntimeError("timed out waiting for " + what)

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main():
    exe, site, shots = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(exe, profile)
        try:
            return run(b, site, shots)
        finally:
            b.close()


def ok(what):
    print("ok: " + what)
    sys.stdout.flush()


def run(b, site, shots):
    target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    b.session = b.send("Target.attachToTarget", {"targetId": target,
                                                 "flatten": True},
                       session=False)["sessionId"]
    b.send("Page.enable")
    b.send("Runtime.enable")

    def size(width, height, mobile=False):
        b.send("Emulation.setDeviceMetricsOverride",
               {"width": width, "height": height, "deviceScaleFactor": 1,
                "mobile": mobile})

    def load(url):
        b.send("Page.navigate", {"url": url})
        b.wait("document.readyState === 'complete' && location.href === %s"
               % json.dumps(url), "loading " + url)

    def shot(name, full=False):
        params = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = b.send("Page.captureScreenshot", params)["data"]
        with open(os.path.join(shots, name), "wb") as f:
            f.write(base64.b64decode(data))
        ok("screenshot " + name)

    def follow(selector, what):
        href = b.eval("(function(){var a=document.querySelector(%s);"
                      "return a ? a.href : null})()" % json.dumps(selector))
        if not href:
            raise RuntimeError("no link " + selector + " (" + what + ")")
        # (the click starts a navigation: its result is not waited for)
        b.eval("setTimeout(function(){document.querySelector(%s).click()}, 0)"
               % json.dumps(selector))
        b.wait("location.href === %s && document.readyState === 'complete'"
               % json.dumps(href), "following " + what)
        ok("followed " + what + ": " + href[len("file://" + site) + 1:])

    size(1280, 900)
    top = "file://" + site + "/index.html"
    load(top)
    if b.eval("document.documentElement.lang") == "":
        raise RuntimeError("the index has no lang")
    b.wait("!document.querySelector('form.search').hidden",
           "the script to show the search form")
    ok("index loaded, its script showed the search form")
    shot("site-index.png")

    follow("article section.item p a", "a year")
    follow("article section.item p a", "a month")
    follow("article section.item p a", "a bulletin")
    crumbs = b.eval("Array.from(document.querySelectorAll('nav.breadcrumb a'))"
                    ".map(function(a){return a.textContent})")
    if not crumbs or len(crumbs) != 3:
        raise RuntimeError("breadcrumb: %r" % crumbs)
    ok("breadcrumb: " + " > ".join(crumbs))
    follow("nav.pager a[rel=next]", "next")
    follow("nav.pager a[rel=prev]", "previous")
    # the page's video item without text does not leave a band
    shot("site-page.png")
    size(390, 844, True)
    shot("site-page-390.png")
    follow("nav.breadcrumb li:first-child a", "the breadcrumb to the top")
    size(1280, 900)

    def search(q, expect, what):
        b.eval("(function(){var i=document.querySelector('form.search input');"
               "document.querySelector('.results').textContent='';"
               "i.value=%s;i.dispatchEvent(new Event('input'))})()" % json.dumps(q))
        found = b.wait(
            "(function(){var s=document.querySelector('.results .status');"
            "if(!s||s.textContent.charAt(0)==='\\u2026')return null;"
            "return Array.from(document.querySelectorAll('.results li'))"
            ".map(function(l){return l.textContent})})()",
            "results for " + q, timeout=60)
        if not any(expect in r for r in found):
            raise RuntimeError("search %r: %r not in %r" % (q, expect, found[:5]))
        ok("search %s %r: %d results, one with %r" % (what, q, len(found), expect))
        return found

    search(sys.argv[4], sys.argv[4], "for a title")
    shot("site-search.png")
    search(sys.argv[5], sys.argv[5], "for a phrase of the text")
    marked = b.eval("document.querySelectorAll('.results mark').length")
    if not marked:
        raise RuntimeError("a phrase hit shows no <mark>")
    shot("site-search-text.png")
    size(390, 844, True)
    shot("site-search-390.png")
    # the result link leads to the page
    follow(".results li a", "a search result")

    # An item with nothing below its title (a VIDEO item) followed by an
    # untitled brief: no band around the lone heading.
    size(1280, 900)
    load("file://" + site + "/" + sys.argv[6])
    gap = b.eval("(function(){var e=document.querySelector('section.item.empty');"
                 "if(!e)return null;var n=e.nextElementSibling;"
                 "var r=e.getBoundingClientRect(), s=n.getBoundingClientRect();"
                 "return {height:r.height, gap:s.top-r.bottom,"
                 "border:getComputedStyle(n).borderTopWidth}})()")
    if not gap or gap["height"] > 80 or gap["gap"] > 30 or gap["border"] != "0px":
        raise RuntimeError("the empty item renders as a band: %r" % gap)
    ok("an empty VIDEO item and the brief after it: %r" % gap)
    shot("site-video.png")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print("FAIL: %s" % e)
        sys.exit(1)
