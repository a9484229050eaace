<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<!-- Qt's own strings that qtbase_ar.qm (PySide6-Essentials 6.11) lacks: Qt 6 gave these labels
     of its file dialog mnemonics ("&Look in:" for "Look in:"), and the Arabic catalogue still
     translates only the old texts, so the dialog said "Look in:" in an Arabic window (issue 14,
     item 19). ui/i18n.py installs this after qtbase_ar. Mnemonics sit on letters with nothing
     below them (item 18). Compile with pyside6-lrelease (make translations). -->
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>ا&amp;نظر في:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>الملفّات من ال&amp;نّوع:</translation>
    </message>
</context>
</TS>
