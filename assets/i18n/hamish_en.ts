<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgreementDashboard</name>
    <message numerus="yes">
        <location filename="../../ui/review/agreement_dashboard.py" line="234"/>
        <source>%n document(s): %1; %2 pooled into the figures</source>
        <translation>
            <numerusform>%n document: %1; %2 pooled into the figures</numerusform>
            <numerusform>%n documents: %1; %2 pooled into the figures</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackgroundRunner</name>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="211"/>
        <source>%n layer(s) unchanged.</source>
        <translation>
            <numerusform>%n layer unchanged.</numerusform>
            <numerusform>%n layers unchanged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="213"/>
        <source>%n layer(s) replaced.</source>
        <translation>
            <numerusform>%n layer replaced.</numerusform>
            <numerusform>%n layers replaced.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="216"/>
        <source>%n layer(s) under your own name left out: yours are never changed by an import.</source>
        <translation>
            <numerusform>%n layer under your own name left out: yours are never changed by an import.</numerusform>
            <numerusform>%n layers under your own name left out: yours are never changed by an import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="222"/>
        <source>%n note(s) on what the files held that was left out or kept apart.</source>
        <translation>
            <numerusform>%n note on what the files held that was left out or kept apart.</numerusform>
            <numerusform>%n notes on what the files held that was left out or kept apart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="242"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="248"/>
        <source>%n layer(s) in this package differ from the copies imported before: the colleague has changed them since.</source>
        <translation>
            <numerusform>%n layer in this package differs from the copies imported before: the colleague has changed them since.</numerusform>
            <numerusform>%n layers in this package differ from the copies imported before: the colleague has changed them since.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareSession</name>
    <message numerus="yes">
        <location filename="../../ui/review/compare_session.py" line="294"/>
        <source>Accept %n Agreement(s)</source>
        <translation>
            <numerusform>Accept %n Agreement</numerusform>
            <numerusform>Accept %n Agreements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message numerus="yes">
        <location filename="../../ui/jobs/import_flow.py" line="86"/>
        <source>Imported %n article(s); %1 duplicates and %2 empty texts skipped.</source>
        <translation>
            <numerusform>Imported %n article; %1 duplicates and %2 empty texts skipped.</numerusform>
            <numerusform>Imported %n articles; %1 duplicates and %2 empty texts skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewFlow</name>
    <message numerus="yes">
        <location filename="../../ui/review/review_flow.py" line="88"/>
        <source>Agreement needs the layers of two annotators or more; this database has %n.</source>
        <translation>
            <numerusform>Agreement needs the layers of two annotators or more; this database has %n.</numerusform>
            <numerusform>Agreement needs the layers of two annotators or more; this database has %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="99"/>
        <source>%Ln hits</source>
        <translation>
            <numerusform>%Ln hit</numerusform>
            <numerusform>%Ln hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="100"/>
        <source>%Ln documents</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="107"/>
        <source>%Ln spans</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="111"/>
        <source>(showing the first %Ln)</source>
        <translation>
            <numerusform>(showing the first %Ln)</numerusform>
            <numerusform>(showing the first %Ln)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionFlow</name>
    <message numerus="yes">
        <location filename="../../ui/jobs/suggestion_flow.py" line="130"/>
        <source>Accepted %n suggestion(s)</source>
        <translation>
            <numerusform>Accepted %n suggestion</numerusform>
            <numerusform>Accepted %n suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/suggestion_flow.py" line="191"/>
        <source>The assistant made %1 suggestions in %n document(s)</source>
        <translation>
            <numerusform>The assistant made %1 suggestions in %n document</numerusform>
            <numerusform>The assistant made %1 suggestions in %n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/suggestion_flow.py" line="218"/>
        <source>You marked %n document(s) done: the assistant leaves them alone.</source>
        <translation>
            <numerusform>You marked %n document done: the assistant leaves them alone.</numerusform>
            <numerusform>You marked %n documents done: the assistant leaves them alone.</numerusform>
        </translation>
    </message>
</context>
</TS>
