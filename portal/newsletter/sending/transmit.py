"""One SMTP transaction, as smtplib's sendmail does it, with one difference: the caller's
`while_waiting` runs after the MAIL command has been sent and before its reply is read. The
sending loop records the message as "in flight" there, so that database write overlaps with
the server's work instead of adding to every message's time. It still happens before the end
of DATA, the moment the server takes responsibility for the message."""

import smtplib
from collections.abc import Callable


def _abort(smtp: smtplib.SMTP, code: int) -> None:
    if code == 421:
        smtp.close()
    else:
        smtp._rset()


def transmit(
    smtp: smtplib.SMTP,
    sender: str,
    recipient: str,
    payload: bytes,
    while_waiting: Callable[[], None],
) -> None:
    """Send one message to one recipient; raise smtplib's exceptions like sendmail does."""
    smtp.ehlo_or_helo_if_needed()
    options = f" size={len(payload)}" if smtp.does_esmtp and smtp.has_extn("size") else ""
    smtp.putcmd("mail", f"FROM:{smtplib.quoteaddr(sender)}{options}")
    while_waiting()
    code, response = smtp.getreply()
    if code != 250:
        _abort(smtp, code)
        raise smtplib.SMTPSenderRefused(code, response, sender)
    code, response = smtp.rcpt(recipient)
    if code not in (250, 251):
        _abort(smtp, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, response)})
    code, response = smtp.data(payload)
    if code != 250:
        _abort(smtp, code)
        raise smtplib.SMTPDataError(code, response)
