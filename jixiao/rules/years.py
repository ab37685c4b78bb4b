"""Years a text names that are not the work it describes: cited documents and their numbers
(《…》, 〔2021〕, 京发[2005]7号, 2019-2021), work done before (已于2019年), policy names (关于2021年…工作
要求) and the previous year's annual report (开展2023年年报)."""

from __future__ import annotations

import re

# cited documents and document numbers: 《…》, （2019）, [2023], 〔2021〕, 2019-2021 ranges
_CITED = re.compile(r"《[^》]*》|[(（\[〔【]\s*20\d{2}\s*[)）\]〕】]|20\d{2}\s*[-—至~]\s*20\d{2}|[(（][^)）]*号[)）]|"
                    r"\w*[发字函令]\s*[\[〔【(（]?\s*20\d{2}|自\s*20\d{2}\s*年")
# years that tell the background, not the work planned: done before (已于2019年), in a policy's name
# (关于2021年…工作要求, 根据2022年…政策), the previous year's annual report (开展2023年年报)
_BACKGROUND = re.compile(r"(?:已于|已在|曾于|截至|截止)\s*20\d{2}\s*年|"
                         r"(?:关于|根据|按照|依据|依照)[^，。；,;]{0,12}?20\d{2}\s*年[^，。；,;]{0,24}?"
                         r"(?:政策|要求|通知|意见|方案|行动|计划|文件|精神|规定|办法|部署)|20\d{2}\s*年\s*(?:度)?\s*年报")


def background_free(text: str) -> str:
    """``text`` without its cited documents and background clauses (whose years are no plan)."""
    return _BACKGROUND.sub("", _CITED.sub("", text))
