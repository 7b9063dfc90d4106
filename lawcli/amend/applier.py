"""The applier: every operation of an act applied to the model, in order, each one
logged as applied or failed.

`Applier` is the edit_* mixins combined; this module holds only the loop that
dispatches each operation to its `op_<kind>` method and turns every failure into a
log entry, so that an act is applied as far as it can be and nothing raises.
"""

from __future__ import annotations

import re

from .edit_headings import HeadingEdits
from .edit_phrases import PhraseEdits
from .edit_structure import StructureEdits
from .edit_units import UnitEdits
from .instructions import Instruction, Op
from .model import Fail, addr, art_text
from .result import LogEntry


class Applier(PhraseEdits, UnitEdits, HeadingEdits, StructureEdits):
    """Applies one part of an act to the model (see `Editor` for its state)."""

    def _wide_punctuation(self) -> bool:
        """Does the law print full-width punctuation (，；：) rather than ASCII (PDF texts)?"""
        full = ascii_ = 0
        for a in self.m.originals[:200]:
            t = art_text(a)
            full += sum(t.count(c) for c in "，；：")
            ascii_ += len(re.findall(r"(?<=[\u4e00-\u9fff])[,;:]|[,;:](?=[\u4e00-\u9fff])", t))
        return full > 3 * ascii_

    def run(self) -> None:
        from dataclasses import replace

        from ..text.punct import standardize

        wide = self._wide_punctuation()
        for ins in self.part.instructions:
            if not ins.ops:
                self.log.append(LogEntry(ins.item, ins.line, "unknown", "?", "failed",
                                         "no instruction recognised in this paragraph", None, None, None,
                                         ins.text[:80]))
                continue
            for op in ins.ops:
                if wide and op.new:
                    # The act's text in the law's punctuation: "(一)…," from a PDF → "（一）…，".
                    op = replace(op, new=tuple(standardize(x) for x in op.new))
                target = ", ".join(addr(t) for t in op.targets) if op.targets else "-"
                try:
                    handler = getattr(self, "op_" + op.op, None)
                    if handler is None:
                        raise Fail(f"instruction not understood: {op.clause}")
                    handler(ins, op, target)
                except Fail as e:
                    self._log(ins, op, target, "failed", str(e))
                except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
                    # An input no rule foresaw: logged like any failure, never a traceback.
                    self._log(ins, op, target, "failed", f"cannot apply ({type(e).__name__}: {e})")

    def op_unknown(self, ins: Instruction, op: Op, target: str) -> None:
        raise Fail(f"instruction not understood: {op.clause}")

    def op_refused(self, ins: Instruction, op: Op, target: str) -> None:
        """An operation whose text the act does not give whole (see `act.refusals`)."""
        raise Fail(op.reason)
