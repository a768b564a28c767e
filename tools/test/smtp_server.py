#!/usr/bin/env python3
"""A real SMTP server for the digest tests (aiosmtpd), on 127.0.0.1 and a free port.

Messages go to MAILDIR/new/ through aiosmtpd's Mailbox handler, which adds X-Peer, X-MailFrom
and X-RcptTo. Prints "READY <port>" on stdout once it accepts connections, then runs until
killed (SIGTERM).

Usage: smtp_server.py MAILDIR [--tls none|starttls|implicit] [--cert PEM --key PEM]
                              [--auth USER --password-file FILE]
With --tls, the certificate and key are made with the openssl CLI when the files do not exist
(self-signed, for 127.0.0.1 and localhost), so the test can pass the certificate as --ca-file.
"""
import argparse
import os
import signal
import ssl
import subprocess
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

from local_port import free_port


def make_cert(cert, key):
    if os.path.exists(cert) and os.path.exists(key):
        return
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("maildir")
    ap.add_argument("--tls", default="none", choices=["none", "starttls", "implicit"])
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--auth")
    ap.add_argument("--password-file")
    a = ap.parse_args()

    kwargs = {}
    context = None
    if a.tls != "none":
        make_cert(a.cert, a.key)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)
    if a.tls == "starttls":
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = True
    elif a.tls == "implicit":
        kwargs["ssl_context"] = context
    if a.auth:
        password = open(a.password_file, encoding="utf-8").read().split("\n")[0]

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.auth \
                and auth_data.password.decode() == password
            # handled=False: aiosmtpd then replies 535 itself (with the default, it replies nothing).
            return AuthResult(success=ok, handled=False)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        # Plain connections may log in too (the test of AUTH without TLS); real servers refuse it.
        kwargs["auth_require_tls"] = False

    port = free_port()
    controller = Controller(Mailbox(a.maildir), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("READY %d" % port, flush=True)
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    main()
