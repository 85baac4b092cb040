"""The interview: the conversation, the answer box, the clock, the brief."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static, TextArea

from simulator.engines.base import ModelEngine
from simulator.interview.runner import Answer
from simulator.interview.timing import plan_time
from simulator.services.rounds import end_early
from simulator.store.sessions import SessionRow
from simulator.terminal import terminal_safe
from simulator.tui.live_round import LiveRound, StreamEvent
from simulator.tui.messages import RoundEnded
from simulator.tui.screens.app_screen import AppScreen
from simulator.tui.screens.confirm import Confirm
from simulator.tui.widgets.timeline import Timeline, timeline_text
from simulator.tui.widgets.turn_view import TurnView, turn_title

if TYPE_CHECKING:
    from textual.timer import Timer

    from simulator.interview.state import InterviewState
    from simulator.interview.turns import RoundTurn

DRAFT_SAVE_DELAY = 0.4


class InterviewScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+s", "send", "Send answer", priority=True),
        Binding("ctrl+t", "hint", "Hint", priority=True),
        Binding("ctrl+b", "toggle_brief", "Brief", priority=True),
        Binding("ctrl+e", "end", "End round", priority=True),
    ]

    def __init__(self, session: SessionRow, live: LiveRound) -> None:
        super().__init__()
        self.session = session
        self.live = live
        self.plan = plan_time(live.setup.brief, session.minutes)
        self.clock_base = time.monotonic()
        self.phase = "opening"
        self.areas_done = 0
        self.busy = False
        self.scoring: str | None = None  # set when the round is over and Claude is scoring it
        self.notice = ""  # the engine's latest status while it speaks (estimate, retry)
        self._draft_timer: Timer | None = None
        self.show_moves = session.mode == "coach"  # a real interviewer keeps them to itself

    def compose(self) -> ComposeResult:
        brief = self.live.setup.brief
        yield Header()
        yield Timeline(id="timeline")
        with Horizontal():
            with Vertical(id="main"):
                yield VerticalScroll(id="chat")
                yield TextArea(
                    id="answer", placeholder="Your answer (Enter = new line, Ctrl+S = send)"
                )
                yield Static(self._status_text(busy=True), id="status", markup=False)
            yield Markdown(terminal_safe(f"# {brief.title}\n\n{brief.brief}"), id="brief-panel")
        yield Footer()

    def _show_status(self) -> None:
        """Redraw the status line as the screen stands now (busy or not, the latest notice,
        the running cost)."""
        self.query_one("#status", Static).update(self._status_text(busy=self.busy))

    def _status_text(self, *, busy: bool) -> str:
        """Whose turn it is (or the engine's latest notice, or the judge at work), the engine
        and its running cost, the mode and the session."""
        engine = self.live.engine
        turn = "Interviewer speaking…" if busy else "Your turn"
        if busy and self.notice:
            turn = f"{turn} ({self.notice})"
        if self.scoring:
            turn = self.scoring
        cost = "no model cost" if engine.model is None else self._cost()
        mode = "coach: Ctrl+T for a hint" if self.session.mode == "coach" else "interview mode"
        line = f"{turn} · engine {engine.name} · {cost} · {mode} · session {self.session.id}"
        return terminal_safe(line, one_line=True)

    def _cost(self) -> str:
        """The model and the session's running tokens and dollars (engines that report them)."""
        engine = self.live.engine
        if isinstance(engine, ModelEngine):
            return f"{engine.model} {engine.session_usage(self.session.id).line()}"
        return f"{engine.model}"

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if not busy:
            self.notice = ""
        self._show_status()

    async def on_mount(self) -> None:
        self.title = self.live.setup.brief.title
        self.sub_title = f"{self.live.setup.interviewer.title} interviewer"
        self.query_one("#brief-panel").display = False
        draft = self.mockloop_app.workspace.sessions.draft(self.session.id)
        area = self.query_one("#answer", TextArea)
        if draft:
            area.text = draft
            area.move_cursor(area.document.end)  # typing goes on where the draft stopped
            self.notify("Restored the answer you had not sent yet.")
        area.focus()
        self.query_one("#chat", VerticalScroll).anchor()  # follow new turns to the bottom
        state = await self.live.state()
        self.set_interval(1.0, self._tick)
        if state:
            await self._show_turns(state.get("turns", []))
            self._update_progress(state)
            self._set_busy(False)
        if not state or await self.live.cut_short():
            self.advance(None)  # open the round, or finish the step a crash cut short

    def _tick(self) -> None:
        elapsed = time.monotonic() - self.clock_base
        self.query_one(Timeline).update(
            timeline_text(
                self.plan, self.phase, elapsed, self.areas_done, len(self.plan.area_budgets)
            )
        )

    def _update_progress(self, state: InterviewState) -> None:
        self.phase = str(state.get("phase", "opening"))
        self.clock_base = time.monotonic() - float(state.get("elapsed", 0.0))
        self.areas_done = sum(
            1 for c in state.get("coverage", {}).values() if c["status"] not in ("unasked", "open")
        )
        self._tick()

    async def _show_turns(self, turns: list[RoundTurn]) -> None:
        chat = self.query_one("#chat", VerticalScroll)
        await chat.mount_all(
            TurnView(
                t["role"] + (" hint" if t.get("meta", {}).get("hint") else ""),
                turn_title(t, show_move=self.show_moves),
                t["text"],
            )
            for t in turns
        )
        self.call_after_refresh(chat.scroll_end, animate=False)

    @on(TextArea.Changed, "#answer")
    def _schedule_draft_save(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_SAVE_DELAY, self.save_draft)

    def save_draft(self) -> None:
        text = self.query_one("#answer", TextArea).text
        self.mockloop_app.workspace.sessions.save_draft(self.session.id, text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hint":
            return self.session.mode == "coach"
        return True

    def action_send(self) -> None:
        """Ctrl+S is a priority binding, handled as soon as the app reads the key, while the
        keys and any paste before it may still wait in the answer box's own queue: the text is
        taken after the box has handled all of them, so the answer is sent whole."""
        self.query_one("#answer", TextArea).call_later(self._send)

    def _send(self) -> None:
        area = self.query_one("#answer", TextArea)
        if self.busy:
            self.notify("The interviewer is still speaking.", severity="warning")
            return
        if not area.text.strip():
            self.notify("Type an answer first (Enter adds a new line, Ctrl+S sends).")
            return
        self.save_draft()
        elapsed = time.monotonic() - self.clock_base
        self.advance(Answer(text=area.text, elapsed=round(elapsed, 1)))

    def action_hint(self) -> None:
        if self.session.mode != "coach":
            self.notify("Hints are available in coach mode.")
            return
        if not self.busy:
            self.advance(
                Answer(text="", elapsed=round(time.monotonic() - self.clock_base, 1), hint=True)
            )

    def action_toggle_brief(self) -> None:
        panel = self.query_one("#brief-panel")
        panel.display = not panel.display

    def show_scoring(self, model: str) -> None:
        """The round is over and Claude is scoring it: nothing more can be sent."""
        self.busy = True
        self.scoring = f"Round over: Claude ({model}) is scoring it…"
        self._show_status()

    @work
    async def action_end(self) -> None:
        if self.scoring:
            self.notify("The round is over; the scorecard opens when Claude has scored it.")
            return
        if await self.app.push_screen_wait(Confirm("End the round now and see your scorecard?")):
            self.save_draft()
            end_early(self.mockloop_app.workspace.sessions, self.session.id)
            self.post_message(RoundEnded(self.session.id))

    @work(exclusive=True, group="round")
    async def advance(self, answer: Answer | None) -> None:
        """Send an answer (or open the round) and stream the interviewer's reply."""
        self._set_busy(True)
        chat = self.query_one("#chat", VerticalScroll)
        area = self.query_one("#answer", TextArea)
        before = len(await self._turns())
        if answer is not None and not answer.hint:
            title = turn_title({"role": "candidate", "text": answer.text, "start": answer.elapsed})
            await chat.mount(TurnView("candidate", title, answer.text))
        reply = TurnView("interviewer", "Interviewer · …")
        await chat.mount(reply)
        self.call_after_refresh(chat.scroll_end, animate=False)
        text: list[str] = []

        def on_delta(delta: str) -> None:
            text.append(delta)
            reply.update("".join(text))
            self.call_after_refresh(chat.scroll_end, animate=False)

        def on_event(event: StreamEvent) -> None:
            if event.get("reset"):  # a retry starts the turn over: never show words twice
                text.clear()
                reply.update("")
            if event.get("notice"):
                self.notice = str(event["notice"])
                self._show_status()
                if event.get("warning"):
                    self.notify(self.notice, severity="warning", timeout=6)

        try:
            if answer is None:
                state = await self.live.start(on_delta, on_event)
            else:
                state = await self.live.answer(answer, on_delta, on_event)
        except Exception as exc:  # the typed answer stays in the box; nothing is lost
            await reply.remove()
            self.notify(
                f"Could not get the interviewer's reply: {exc}", severity="error", timeout=8
            )
            self._set_busy(False)
            return
        turns = state.get("turns", [])
        if answer is not None and len(turns) > before:
            area.text = ""
            self.mockloop_app.workspace.sessions.save_draft(self.session.id, "")
        if turns and turns[-1]["role"] == "interviewer":
            last = turns[-1]
            reply.set_title(turn_title(last, show_move=self.show_moves))
            if last.get("meta", {}).get("hint"):
                reply.add_class("hint")
            await reply.update(last["text"])
        elif not text:
            await reply.remove()
        self._update_progress(state)
        self._set_busy(False)
        if state.get("phase") == "closed":
            self.post_message(RoundEnded(self.session.id))

    async def _turns(self) -> list[RoundTurn]:
        return list((await self.live.state()).get("turns", []))
