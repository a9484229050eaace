"""Who speaks: the speaker's noun phrase around a reporting verb, and the speaker a verb
without a subject takes over (reporting.py finds the verbs and the claims).

Spans are token ranges [first, end) of an ArticleTokens until speaker_extent() turns one
into text offsets. Without a lexicon of names, a speaker's phrase is bounded by what cannot
be part of it (أن، في تصريح، أمس، a comma, a verbal noun) rather than by what it is.
"""

from __future__ import annotations

from annotation.arabic import strip_proclitics
from annotation.assistant.reporting_lexicon import Lexicon, is_definite, is_nisba
from annotation.assistant.reporting_text import ArticleTokens, Extent

TokenSpan = tuple[int, int]
_COMMAS = "،,"
_PRONOUNS = ("ه", "ها", "هم", "هما", "هن")  # attached to a noun: its possessor


class Speakers:
    """Finds speakers in one article and remembers the names seen as speakers."""

    def __init__(self, article: ArticleTokens, lexicon: Lexicon) -> None:
        self.a, self.lex = article, lexicon
        self.known_names: set[str] = set()

    def after(self, i: int, limit: int) -> tuple[TokenSpan | None, int]:
        """The subject after the verb at i (VSO) and the token after it; (None, -1) when the
        words run on too long for a subject, so the word was no reporting verb."""
        a, lex = self.a, self.lex
        first = k = i + 1
        if k + 1 < limit and a.is_punct(k, _COMMAS) and not self.ends_subject(k + 1):
            first = k = k + 1  # وقال، فلان الفلاني، المدير العام …
        quote = a.quotes.get(k)
        if quote is not None and quote.words < lex.direct_quote_min_words:
            after = a.norm(quote.after)
            if after in lex.complementisers or after == ":":
                return (k + 1, quote.content_end), quote.after  # وقالت "سارة" إن
        behind = self._behind_preposition(k, limit)
        if behind is not None:
            if behind >= limit or not self.names_someone(behind):
                return None, k  # وقال للصحفيين إن: the verb's subject is left unsaid
            first = k = behind  # وأكد لـ«الأخبار» مسؤول رفيع أن: the subject comes after
        while k < limit:
            if a.is_punct(k):
                quote = a.quotes.get(k)
                short = quote is not None and quote.words < lex.direct_quote_min_words
                if k > first and quote and short and not a.is_punct(quote.after, ":"):
                    k = quote.after  # a quoted name: صحيفة «الأخبار»
                    continue
                if a.is_punct(k, _COMMAS) and k > first and lex.is_title(a.norm(k + 1)):
                    k = self._apposition_end(k + 1, limit)  # فلان، المتحدث باسم …،
                break
            if self.ends_subject(k) or (k > first and a.has_tanween_fath(k)):
                if a.norms[k] in lex.attachments and self._attachment_fits(first, k, limit):
                    k += 2
                    continue
                if k == first + 1 and a.norms[k] == "من" and a.norms[first] in lex.partitives:
                    k += 1  # عدد من المحتجين: the speakers are the many, not the number
                    continue
                break
            k += 1
            if k - first > lex.max_subject_words:
                return None, -1
        return ((first, k) if k > first else None), k

    def before(self, i: int, prefix: int) -> TokenSpan | None:
        """A subject before its verb: after كان (وكان فلان أكد) or أما (أما الوزير، فأوضح),
        or from the start of the sentence when that is a title or a known name."""
        a, lex = self.a, self.lex
        start, end = a.sentence_start(i), i
        if prefix:
            if a.norms[i][0] != "ف" or a.norms[start] not in lex.topic_markers:
                return None
            start += 1
        while end - 1 >= start and (
            a.norms[end - 1] in lex.particles or a.is_punct(end - 1, _COMMAS)
        ):
            end -= 1
        k, attached = end - 1, -1
        while k >= start and a.is_word(k) and end - k <= lex.max_subject_words:
            norm = a.norms[k]
            if norm in lex.resumers or (norm[:1] in "وف" and norm[1:] in lex.resumers):
                if attached > 0 and not any(map(lex.is_title, a.norms[k + 1 : attached])):
                    return None  # وكان في الاجتماع قد أكد: في joins a place to a title only
                return (k + 1, end) if k + 1 < end else None
            if self.ends_subject(k):
                if norm not in lex.attachments or attached > 0 or k == end - 1:
                    return None
                attached = k  # وكان فلان المدير التنفيذي في الشركة قد أكد
            k -= 1
        if attached > 0:
            return None
        if k < start < end and (prefix or self.names_someone(start)):
            return start, end
        return None

    def carried(self, i: int, last: TokenSpan | None) -> TokenSpan | None:
        """The speaker a verb without a subject takes: the last one if it is in this
        sentence, else the subject that opens the sentence (ونوه فلان … وقال), else
        the last one of the text if it is in this paragraph or the verb opens the paragraph
        (a paragraph of its own that goes on: وأضاف …). A verb inside a later paragraph that
        is about something else has lost the thread: no speaker rather than a wrong one."""
        start = self.a.sentence_start(i)
        if last is not None and last[0] >= start:
            return last
        opening = self._sentence_subject(start, i)
        if opening is not None or last is None:
            return opening
        paragraph = self.a.paragraph_start(i)
        return last if last[0] >= paragraph or i == paragraph else None

    def ends_subject(self, k: int) -> bool:
        """True for a token no speaker's phrase runs over: أن، في، أمس، a verbal noun, a cue."""
        norm, lex = self.a.norms[k], self.lex
        return (
            not self.a.is_word(k)
            or norm in lex.subject_stops
            or norm in lex.complementisers
            or lex.is_claim_noun(norm)
            or lex.cue(norm) is not None
        )

    def source(self, first: int, limit: int) -> int:
        """Where the speaker of a source phrase (بحسب وزارة الصحة، نقلا عن مصدر في الشركة)
        that starts at `first` ends: at a comma, a full stop or a word no speaker runs over,
        taking في and a place after a title (مصدر في الشركة،)."""
        a, lex, k = self.a, self.lex, first
        while k < limit and k - first < lex.max_subject_words:
            quote = a.quotes.get(k)
            if k > first and quote is not None and quote.words < lex.direct_quote_min_words:
                k = quote.after  # a quoted name: وفقا لمصادر «الصحيفة» المطلعة
                continue
            if not a.is_word(k):
                break
            if k > first and self.ends_subject(k):
                if a.norms[k] not in lex.attachments or not self._attachment_fits(first, k, limit):
                    break
                k += 1
            k += 1
        return k

    def _behind_preposition(self, k: int, limit: int) -> int | None:
        """The token after a phrase behind a preposition that opens the words after a verb
        (لـ«الأخبار»، للصحفيين), or None when token k opens none."""
        if k >= limit:
            return None
        quote = self.a.quotes.get(k + 1)
        if self.a.norms[k] == "ل" and quote is not None:
            return quote.after
        return k + 1 if self.governed(k) else None

    def governed(self, k: int) -> bool:
        """True for a word behind a preposition, which is never a verb's subject: ل or ب with
        the article (للصحفيين، بالعربية) or with a pronoun (لنظيره، بقولها); a name the text
        has already given a speaker is exempt."""
        norm, text = self.a.norms[k], self.a.tokens[k].text
        if norm[:1] not in "لب" or norm in self.known_names or len(norm) < 4:
            return False
        with_article = norm.startswith(("لل", "بال"))
        # The raw text, because normalising folds ة into ه (بوتفليقة is no pronoun).
        with_pronoun = text.endswith(_PRONOUNS)
        return with_article or with_pronoun

    def names_someone(self, k: int) -> bool:
        """True when token k is a title or a name already seen as a speaker's."""
        return self.lex.is_title(self.a.norms[k]) or self.a.norms[k] in self.known_names

    def learn(self, speaker: TokenSpan) -> None:
        """Remember a speaker's name words, so a later sentence opening with them is known."""
        for k in range(*speaker):
            norm = self.a.norms[k]
            if len(norm) > 2 and not self.lex.is_title(norm) and not self.ends_subject(k):
                self.known_names.add(norm)

    def extent(self, speaker: TokenSpan) -> Extent:
        """The speaker's text offsets, without closing marks or a leading proclitic."""
        first, end = speaker
        while end > first and self.a.is_punct(end - 1):
            end -= 1
        extent = self.a.extent(first, end)
        skip = strip_proclitics(self.a.tokens[first].text)  # والوزير -> الوزير
        return Extent(extent.start + skip, extent.end, extent.text[skip:])

    def _attachment_fits(self, first: int, k: int, limit: int) -> bool:
        """In «رئيس لجنة X في البلد أن» في joins a place to a title; in «في تصريح»
        it opens an occasion, which is not part of the speaker."""
        a, lex = self.a, self.lex
        if k + 2 >= limit or not any(lex.is_title(n) for n in a.norms[first:k]):
            return False
        place = a.norms[k + 1]
        return (
            a.is_word(k + 1)
            and place not in lex.channel_words
            and place not in lex.subject_stops
            and (a.norms[k + 2] in lex.complementisers or a.is_punct(k + 2, "،,:"))
        )

    def _apposition_end(self, k: int, limit: int) -> int:
        start = k
        while k < limit and not self.ends_subject(k):
            k += 1
        closed = k < limit and (
            self.a.is_punct(k, "،,:") or self.a.norms[k] in self.lex.complementisers
        )
        return k if closed and k - start <= self.lex.max_subject_words else start - 1

    def _sentence_subject(self, start: int, i: int) -> TokenSpan | None:
        a, lex = self.a, self.lex
        for phrase in lex.sentence_openings:
            if tuple(a.norms[start : start + len(phrase)]) == phrase:
                start += len(phrase) + (1 if a.is_punct(start + len(phrase), _COMMAS) else 0)
                break
        k = start + 1  # after the sentence's verb
        if k >= i or not a.is_word(k):
            return None
        if a.norms[k] in self.known_names:
            end = k
            while end < i and a.norms[end] in self.known_names:
                end += 1
            return k, end
        return (k, self._title_phrase_end(k, i)) if lex.is_title(a.norms[k]) else None

    def _title_phrase_end(self, k: int, limit: int) -> int:
        """Where a title's phrase ends with no أن to stop it (سلط رئيس X الضوء): past
        its construct chain to the first definite noun, then nisba adjectives, titles and
        names; an indefinite accusative (بيانًا), another definite noun or a preposition
        before one (نوه الوزير بجهود الفرق) ends it."""
        a, lex = self.a, self.lex
        definite = is_definite(a.norms[k])
        k += 1
        while k < limit and not self.ends_subject(k):
            norm = a.norms[k]
            other_noun = definite and is_definite(norm) and not is_nisba(norm)
            governed = norm[:1] in "بل" and not is_definite(norm) and is_definite(a.norm(k + 1))
            if (a.has_tanween_fath(k) or other_noun or governed) and not lex.is_title(norm):
                break
            definite = definite or is_definite(norm)
            k += 1
        return k
