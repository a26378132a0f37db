"""One line of text per fact, for `build.py facts` and the extractor fixtures."""

from __future__ import annotations

from cheatdeck.model import Fact


def describe(f: Fact) -> str:
    d = f.data
    match f.kind:
        case "port":
            end = f"-{d.port_end}" if d.port_end else ""
            name = f" ({d.name})" if d.name else ""
            use = f" — {d.use}" if d.use else ""
            return f"{d.port}{end} {d.protocol}{name}{use}"
        case "ebs_volume":
            iops = f"{d.max_iops:,}" if d.max_iops else "?"
            return f"{'/'.join(d.types)} {d.media or '?'} max {iops} IOPS boot={d.boot}"
        case "load_balancer":
            layers = "/".join(map(str, d.layers)) or "?"
            return f"{d.name} ({d.abbrev}) layer {layers}: {', '.join(d.protocols)}"
        case "dns_record":
            return f"{d.type}: {d.meaning}".replace("\n", " / ")
        case "definition":
            family = f"[{d.family}] " if d.family else ""
            sign = "stands for" if d.acronym else "="
            return f"{family}{d.term} {sign} {d.meaning}".replace("\n", " / ")
        case "number":
            return d.cloze()
        case _:
            return f"{d.question} → {d.answer}".replace("\n", " / ")
