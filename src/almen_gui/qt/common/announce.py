"""What the app tells in passing (saved, loaded, fetched, no match, errors), said to a screen reader too: sighted
users see it in the status bar or a message, and a screen reader hears it without moving its focus there."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QStatusBar, QWidget


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Have a screen reader say `text`, from `widget`: politely (after what it is saying) unless urgent."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def speak_status_bar(bar: QStatusBar, name: str = "Statuslinje") -> None:
    """Every temporary message in the status bar is announced, and the bar's accessible description is what it shows
    (the message while it lasts, else nothing: its permanent labels are read by their own text)."""
    bar.setAccessibleName(name)

    def on_message_changed(message: str) -> None:
        bar.setAccessibleDescription(message)
        if message:
            announce(bar, message)

    bar.messageChanged.connect(on_message_changed)
