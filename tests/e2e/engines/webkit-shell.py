#!/usr/bin/python3
"""The browser WebKitWebDriver starts for the WebKit specs: Debian's WebKitGTK engine in a bare
window, instead of MiniBrowser. Why not MiniBrowser:
  - its toolbar keeps the window at least 447 px wide, so no phone width (390 px) can be tested;
  - its automation web views are ephemeral, and WebKit writes no console message of an
    ephemeral page to stdout, so a spec could not see the page's errors.
Here every window is exactly the size WebDriver asks for, console messages (including CSP
reports and uncaught exceptions) go to stdout, the profile is a fresh folder removed at exit,
and requests beyond 127.0.0.1 go to the proxy given with --proxy=URL.

Usage (by WebKitWebDriver, through `webkitgtk:browserOptions`):
  webkit-shell.py --automation [--proxy=http://127.0.0.1:PORT] [--ignore-tls-errors]
"""
import atexit
import ctypes
import shutil
import signal
import sys
import tempfile

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

# Leave when WebKitWebDriver does, however it ends: the kernel sends SIGTERM (PR_SET_PDEATHSIG).
ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)

args = sys.argv[1:]
option = lambda name: next((a.split("=", 1)[1] for a in args if a.startswith(f"--{name}=")), None)  # noqa: E731

profile = tempfile.mkdtemp(prefix="rillet-webkit-")
atexit.register(shutil.rmtree, profile, True)
# A persistent (not ephemeral) store in a throwaway folder: see above.
manager = WebKit2.WebsiteDataManager(base_data_directory=profile, base_cache_directory=profile)
if option("proxy"):
    settings = WebKit2.NetworkProxySettings.new(option("proxy"), ["127.0.0.1"])
    manager.set_network_proxy_settings(WebKit2.NetworkProxyMode.CUSTOM, settings)
if "--ignore-tls-errors" in args:
    manager.set_tls_errors_policy(WebKit2.TLSErrorsPolicy.IGNORE)

context = WebKit2.WebContext(website_data_manager=manager)
context.set_automation_allowed(True)

settings = WebKit2.Settings()
settings.set_enable_write_console_messages_to_stdout(True)
settings.set_enable_developer_extras(True)
# The default compositing (GL through Mesa's software rasterizer under Xvfb) is kept, though it
# draws fewer frames than HardwareAccelerationPolicy.NEVER: with NEVER (or with
# WEBKIT_DISABLE_DMABUF_RENDERER=1), WebKitWebDriver's screenshot of any page holding an iframe
# never answers.


def create_web_view(session):
    view = WebKit2.WebView(web_context=context, settings=settings, is_controlled_by_automation=True)
    window = Gtk.Window()
    window.set_default_size(1280, 800)
    window.add(view)
    view.connect("close", lambda _view: window.destroy())
    window.show_all()
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo.new()
    info.set_name("rillet-webkit-shell")
    info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
    session.set_application_info(info)
    session.connect("create-web-view", create_web_view)


context.connect("automation-started", automation_started)
# WebKitWebDriver ends the browser with SIGTERM: leave through atexit, removing the profile.
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, Gtk.main_quit)
Gtk.main()
