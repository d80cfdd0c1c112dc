"""One form for every kind of event, generated from the schema: add a fact, or
correct one (prefilled, with a reason). Every error appears next to its field, all
at once, before anything is written; the form stays open and filled on any error,
storage failures included; Esc on a changed form asks before throwing it away."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from events.errors import DomainError, InvalidField
from events.kinds import KINDS
from events.vocabulary import Kind
from tracker.councils import Authority, UnknownCouncil, current_authorities, resolve
from tracker.errors import UserError
from tracker.likely_duplicates import LikelyDuplicate
from tracker.safe_text import visible
from tui.dialogs.council_box import CouncilBox, candidates
from tui.dialogs.fields import compose_fields, read_widget
from tui.dialogs.saving import Entries, LooksRecorded, Saved, SaveFailed, SavingDialog, duplicate_hint
from tui.formcheck import form_errors
from tui.formdata import changed, field_of_error, source_changed, to_fields, to_raw

if TYPE_CHECKING:
    from tui.backend import Backend

KIND_OPTIONS = [(e.label, e.kind.value) for e in KINDS]


class EventForm(SavingDialog):
    """Dismisses with the new event id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save",
                tooltip="save; on an error the form stays open with everything typed"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="close the form without saving"),
    ]

    def __init__(
        self,
        backend: Backend,
        council: str | None = None,
        kind: Kind = Kind.INSPECTION,
        correcting: str | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(id="event-form")
        self.backend = backend
        self.council = council
        self.kind = kind
        self.correcting = correcting
        self.original = to_raw(kind, fields) if fields is not None else {}
        self.saving = False
        self.warned: Entries | None = None  # the entries a likely-duplicate warning was about
        self.opened_with: tuple[str, str, dict[str, str | None]] | None = None  # to tell a change

    def compose(self) -> ComposeResult:
        title = f"Correct {self.correcting}" if self.correcting else "Add an event"
        with Vertical(id="form-box"):
            yield Label(title, id="form-title")
            if self.correcting is None:
                with Horizontal(id="form-head"):
                    names = [a.name for a in current_authorities()]
                    yield CouncilBox(
                        self.council_name(),
                        placeholder="council *: name, LA number or ONS code (tab takes the suggestion)",
                        id="f-council",
                        suggester=SuggestFromList(names, case_sensitive=False),
                    )
                    yield Select(KIND_OPTIONS, value=self.kind.value, allow_blank=False, id="f-kind")
                yield Static("", id="e-council", classes="field-error", markup=False)
            else:
                yield Input(placeholder="reason for the correction *", id="f-reason")
                yield Static("", id="e-reason", classes="field-error", markup=False)
            with VerticalScroll(id="form-fields"):
                yield from compose_fields(self.kind, self.original)
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                anyway = Button("Save anyway (ctrl+s)", variant="warning", id="save-anyway")
                anyway.display = False  # shown once the tracker says "this looks like <id>"
                yield anyway
                yield Button("Cancel (esc)", id="cancel")

    def council_name(self) -> str:
        if not self.council:
            return ""
        return next((a.name for a in current_authorities() if a.la_code == self.council), self.council)

    def on_mount(self) -> None:
        first = "#f-council" if self.correcting is None and not self.council else "#f-occurred_on"
        if self.correcting:
            first = "#f-reason"
        self.query_one(first).focus()
        self.call_after_refresh(self._remember_opening)

    def _remember_opening(self) -> None:
        self.opened_with = self.entries()

    def entries(self) -> tuple[str, str, dict[str, str | None]]:
        """The council (or reason), kind and every field's text: what a change is measured by."""
        head = "#f-council" if self.correcting is None else "#f-reason"
        return self.query_one(head, Input).value, self.kind.value, self.raw_values()

    # ---- values -------------------------------------------------------------
    def raw_values(self) -> dict[str, str | None]:
        """Every field widget's text, keyed by widget id."""
        values: dict[str, str | None] = {}
        for widget in self.query("#form-fields Input, #form-fields Select, #form-fields TextArea"):
            if widget.id and widget.id.startswith("f-"):
                values[widget.id] = read_widget(widget)
        return values

    @on(Select.Changed, "#f-kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.kind.value:
            return
        kept = self.raw_values()
        self.kind = Kind(str(event.value))
        box = self.query_one("#form-fields", VerticalScroll)
        await box.remove_children()
        await box.mount_all(list(compose_fields(self.kind, kept)))

    # ---- saving -------------------------------------------------------------
    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save-anyway")
    def _save_anyway_pressed(self) -> None:
        self.action_save(force=True)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close; when something was typed or changed, ask first."""
        if self.opened_with is None or self.entries() == self.opened_with:
            self.dismiss(None)
            return
        from tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        what = "correction" if self.correcting else "event"
        self.app.push_screen(
            ConfirmDialog(f"Discard this {what}?", "What you typed is not saved.", "Discard", "Keep editing"),
            answered,
        )

    def action_save(self, force: bool = False) -> None:
        """Save; after a likely-duplicate warning, saving the same entries again means "it is another"."""
        if self.saving:
            return
        raw = self.raw_values()
        council = self.query_one("#f-council", Input).value if self.correcting is None else ""
        entries = (council, self.kind.value, raw)
        force = force or self.warned == entries
        self.clear_errors()
        if self.correcting is None and self.ask_which(council, force):
            return
        problems = self.check(council, raw)
        if problems:
            self.show_errors(problems)
            return
        self.saving = True
        self.query_one("#form-error", Static).update(Text("saving…", style="dim"))
        if self.correcting is None:
            fields = to_fields(self.kind, raw)
            self.submit(lambda: self.backend.add(council, self.kind, fields, force), entries)
        else:
            target, reason = self.correcting, self.query_one("#f-reason", Input).value
            changes = changed(self.kind, self.original, raw)
            source = to_fields(self.kind, raw).get("source") if source_changed(self.original, raw) else None
            self.submit(lambda: self.backend.correct(target, changes, reason, source))

    @work(thread=True, exclusive=True, group="save")
    def submit(self, write: Any, entries: Entries | None = None) -> None:
        """Write in a thread; every failure comes back to the form, which keeps its contents."""
        try:
            event_id = write()
        except LikelyDuplicate as error:
            self.post_message(LooksRecorded(error, entries))
        except InvalidField as error:
            self.post_message(SaveFailed(error.field, error.message))
        except UnknownCouncil as error:
            self.post_message(SaveFailed("council", str(error.args[0])))
        except (DomainError, UserError) as error:
            self.post_message(SaveFailed("", f"{error} — your entries are kept"))
        except Exception as error:  # storage: locked, read-only, disk full, connection gone
            message = f"not saved — the store failed ({type(error).__name__}: {error}); your entries are kept"
            self.post_message(SaveFailed("", message))
        else:
            self.post_message(Saved(event_id))

    def ask_which(self, council: str, force: bool) -> bool:
        """A name several councils fit (``Kingston``): ask which, then save with it."""
        options = candidates(council)
        if len(options) < 2:
            return False
        from tui.dialogs.council_choice import CouncilChoice

        def chosen(authority: Authority | None) -> None:
            if authority is not None:
                self.query_one("#f-council", Input).value = authority.name
                self.action_save(force)

        self.app.push_screen(CouncilChoice(council, options), chosen)
        return True

    def check(self, council: str, raw: dict[str, str | None]) -> dict[str, str]:
        """Every error at once, by field, before anything is sent (pure: no storage)."""
        problems: dict[str, str] = {}
        if self.correcting is None:
            if not council.strip():
                problems["council"] = "is required"
            else:
                try:
                    resolve(council)
                except UnknownCouncil as error:
                    problems["council"] = str(error.args[0])
        elif not self.query_one("#f-reason", Input).value.strip():
            problems["reason"] = "is required"
        return problems | form_errors(self.kind, raw, self.backend.today)

    def show_errors(self, problems: dict[str, str]) -> None:
        """Each message beside its field; the first field with one takes the focus."""
        for field, message in reversed(list(problems.items())):
            self.show_error(field, message)
        self.saving = False

    @on(LooksRecorded)
    def _looks_recorded(self, message: LooksRecorded) -> None:
        """The tracker thinks this is already recorded: say which, and offer to save anyway."""
        self.show_error("", f"{duplicate_hint(message)} — your entries are kept")
        if message.entries is None:  # not an add: nothing to force
            return
        self.warned = message.entries
        anyway = self.query_one("#save-anyway", Button)
        anyway.display = True
        anyway.focus()

    def clear_errors(self) -> None:
        self.warned = None
        self.query_one("#save-anyway", Button).display = False
        for error in self.query(".field-error"):
            if isinstance(error, Static):
                error.update("")
        for widget in self.query(".-invalid-field"):
            widget.remove_class("-invalid-field")
        self.query_one("#form-error", Static).update("")

    def show_error(self, field: str, message: str) -> None:
        """Put the message under the field it names (or at the bottom), and focus that field."""
        self.saving = False
        self.query_one("#form-error", Static).update("")
        name = field_of_error(field) if field and "." in field else field
        targets = [f"#e-{name}", f"#e-{name.split('-')[0]}"] if name else []
        for selector in targets:
            found = self.query(selector)
            if found:
                found.first(Static).update(Text(visible(message), style="bold red"))
                self.focus_field(name)
                return
        label = f"{field}: " if field else ""
        self.query_one("#form-error", Static).update(Text(visible(label + message), style="bold red"))

    def focus_field(self, name: str) -> None:
        for ident in (f"#f-{name}", f"#f-{name}-publisher"):
            found = self.query(ident)
            if found:
                widget: Widget = found.first()
                widget.add_class("-invalid-field")
                if isinstance(widget, Input | Select | TextArea):
                    widget.focus()
                return
