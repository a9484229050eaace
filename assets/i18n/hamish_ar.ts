<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="41"/>
        <source>&amp;Import Articles…</source>
        <translation>ا&amp;ستيراد مقالات…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="42"/>
        <source>Import &amp;Folder…</source>
        <translation>استيراد &amp;مجلد…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="43"/>
        <source>&amp;Export Annotations…</source>
        <translation>&amp;تصدير الوسوم…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="44"/>
        <source>Import A&amp;nnotations…</source>
        <translation>استيراد ال&amp;وسوم…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="46"/>
        <source>Remove Agency &amp;Footers on Import</source>
        <translation>حذف &amp;تذييلات الوكالات عند الاستيراد</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="49"/>
        <source>&amp;Settings…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="54"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="57"/>
        <source>&amp;Delete Span</source>
        <translation>&amp;حذف المقطع الموسوم</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>Clear Selection</source>
        <translation>إلغاء التحديد</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60"/>
        <source>&amp;Find Document</source>
        <translation>ب&amp;حث عن مستند</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="62"/>
        <source>&amp;Search All Documents</source>
        <translation>البحث في &amp;كل المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="69"/>
        <source>Snap to &amp;Whole Words</source>
        <translation>محاذاة إلى ال&amp;كلمات الكاملة</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="70"/>
        <source>&amp;Exact Characters</source>
        <translation>الأحرف المحدَّدة بد&amp;قة</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="75"/>
        <source>Drop &amp;Proclitics (%1 → %2)</source>
        <translation>حذف ال&amp;سوابق (%1 ← %2)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="85"/>
        <source>Move Start a Word Earlier</source>
        <translation>تحريك البداية إلى الكلمة السابقة</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="86"/>
        <source>Move Start a Word Later</source>
        <translation>تحريك البداية إلى الكلمة التالية</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="87"/>
        <source>Move End a Word Later</source>
        <translation>تحريك النهاية إلى الكلمة التالية</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="88"/>
        <source>Move End a Word Earlier</source>
        <translation>تحريك النهاية إلى الكلمة السابقة</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="89"/>
        <source>&amp;Attribute Claim to a Speaker…</source>
        <translation>&amp;نسبة التصريح إلى متحدث…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="90"/>
        <source>Accept the Suggested &amp;Entity</source>
        <translation>قبول ال&amp;كيان المقترح</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="91"/>
        <source>&amp;New Entity from Span</source>
        <translation>&amp;كيان جديد من المقطع</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="92"/>
        <source>Show &amp;Label Tags</source>
        <translation>إظهار أسماء ال&amp;وسوم</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="94"/>
        <source>&amp;Suggest for This Document</source>
        <translation>&amp;اقتراحات لهذا المستند</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="95"/>
        <source>Suggest for &amp;All Documents…</source>
        <translation>اقتراحات لكل المستندات&amp;…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="97"/>
        <source>Accept Suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="99"/>
        <source>Reject Suggestion (or Delete the Span)</source>
        <translation>رفض الاقتراح (أو حذف المقطع)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="101"/>
        <source>Accept All Suggestions in the Document</source>
        <translation>قبول كل اقتراحات المستند</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="103"/>
        <source>Ne&amp;xt Suggestion</source>
        <translation>الاقتراح ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="104"/>
        <source>Pre&amp;vious Suggestion</source>
        <translation>الاقتراح ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="106"/>
        <source>&amp;Next Document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="107"/>
        <source>&amp;Previous Document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="108"/>
        <source>Next &amp;Unfinished Document</source>
        <translation>المستند &amp;غير المنجز التالي</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="110"/>
        <source>Mark as &amp;Done</source>
        <translation>تعيين الحالة: &amp;منجز</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111"/>
        <source>Mark as &amp;In Progress</source>
        <translation>تعيين الحالة: &amp;قيد العمل</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112"/>
        <source>Focus Next &amp;Panel</source>
        <translation>الانتقال إلى ال&amp;لوحة التالية</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="115"/>
        <source>Zoom &amp;In</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="117"/>
        <source>Zoom &amp;Out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="118"/>
        <source>&amp;Actual Size</source>
        <translation>الحجم ال&amp;فعلي</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="122"/>
        <source>&amp;Links</source>
        <translation>ال&amp;روابط</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="126"/>
        <source>&amp;Selected Span&apos;s Links</source>
        <translation>روابط المقطع المحدَّد &amp;فقط</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="127"/>
        <source>&amp;All Links</source>
        <translation>&amp;كل الروابط</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="128"/>
        <source>&amp;No Links</source>
        <translation>&amp;لا روابط</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="135"/>
        <source>Next Choice of Links</source>
        <translation>الخيار التالي لعرض الروابط</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="138"/>
        <source>&amp;Compare and Adjudicate…</source>
        <translation>&amp;مقارنة وتحكيم…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="139"/>
        <source>Agreement &amp;Dashboard…</source>
        <translation>&amp;لوحة الاتفاق…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="140"/>
        <source>&amp;Assign Documents…</source>
        <translation>&amp;توزيع المستندات…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="142"/>
        <source>&amp;Switch Annotator…</source>
        <translation>&amp;تبديل المُوسِّم…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="143"/>
        <source>Annotation &amp;Guidelines</source>
        <translation>&amp;دليل التوسيم</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="144"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>اختصارات &amp;لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="145"/>
        <source>&amp;About Hamish</source>
        <translation>&amp;حول هامش</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="152"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="167"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="171"/>
        <source>&amp;Annotate</source>
        <translation>&amp;وسم</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="200"/>
        <source>&amp;Document</source>
        <translation>م&amp;ستند</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="211"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="222"/>
        <source>&amp;Review</source>
        <translation>م&amp;راجعة</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="223"/>
        <source>A&amp;nnotator</source>
        <translation>&amp;المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="224"/>
        <source>&amp;Help</source>
        <translation>مساع&amp;دة</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="252"/>
        <source>Tag %1, Exact Characters</source>
        <translation>وسم %1، الأحرف المحدَّدة بدقة</translation>
    </message>
</context>
<context>
    <name>AgreementDashboard</name>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="68"/>
        <source>Agreement between annotators</source>
        <translation>الاتفاق بين المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="75"/>
        <source>The first annotator checked is the reference for precision and recall.</source>
        <translation>أول مُوسِّم مُختار هو المرجع لحساب الدقة والاستدعاء.</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="120"/>
        <source>Charts</source>
        <translation>الرسوم البيانية</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="121"/>
        <source>By label</source>
        <translation>حسب الوسم</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="122"/>
        <source>Links and claims</source>
        <translation>الروابط والتصريحات</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="123"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="125"/>
        <source>Progress</source>
        <translation>سير العمل</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="136"/>
        <source>Annotators:</source>
        <translation>المُوسِّمون:</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="193"/>
        <source>The team server cannot be reached: these figures are as last read. They are read again when it is back.</source>
        <translation>تعذّر الوصول إلى خادم الفريق: هذه الأرقام كما قُرئت آخر مرة، وتُقرأ من جديد عند عودته.</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="203"/>
        <source>Check two or more annotators to compare.</source>
        <translation>اختر مُوسِّمَين أو أكثر للمقارنة.</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="228"/>
        <source>None of them has touched a document yet.</source>
        <translation>لم يعمل أيٌّ منهم على أي مستند بعد.</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="229"/>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review/agreement_dashboard.py" line="234"/>
        <source>%n document(s): %1; %2 pooled into the figures</source>
        <translation>
            <numerusform>لا مستندات: %1؛ %2 منها في الأرقام المجمَّعة</numerusform>
            <numerusform>مستند واحد: %1؛ %2 منها في الأرقام المجمَّعة</numerusform>
            <numerusform>مستندان: %1؛ %2 منها في الأرقام المجمَّعة</numerusform>
            <numerusform>%n مستندات: %1؛ %2 منها في الأرقام المجمَّعة</numerusform>
            <numerusform>%n مستندًا: %1؛ %2 منها في الأرقام المجمَّعة</numerusform>
            <numerusform>%n مستند: %1؛ %2 منها في الأرقام المجمَّعة</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="242"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="243"/>
        <source>Exact F1</source>
        <translation>تطابق تام (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="244"/>
        <source>Overlap F1</source>
        <translation>تداخل (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="245"/>
        <location filename="../../ui/review/agreement_dashboard.py" line="286"/>
        <source>Kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="246"/>
        <source>Alpha</source>
        <translation>ألفا</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="248"/>
        <source>Fleiss&apos; kappa</source>
        <translation>كابا فلايس</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="253"/>
        <source>Overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="274"/>
        <source>Claim → speaker links</source>
        <translation>روابط التصريح ← المتحدث</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="274"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="275"/>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="276"/>
        <source>Recall</source>
        <translation>الاستدعاء</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="280"/>
        <source>claims where both chose: %1</source>
        <translation>تصريحات اختار فيها كلاهما: %1</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="284"/>
        <source>Claims&apos; %1</source>
        <translation>سمة التصريحات: %1</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="285"/>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="287"/>
        <source>What</source>
        <translation>البند</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="287"/>
        <source>Measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="287"/>
        <source>Figure</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="287"/>
        <source>Over</source>
        <translation>على</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="303"/>
        <source>the mean over every pair</source>
        <translation>متوسط كل زوجين</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="306"/>
        <source>%1 matched; %2 has %3, %4 has %5</source>
        <translation>%1 متطابقة؛ لدى %2 ‏%3، ولدى %4 ‏%5</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="316"/>
        <source>exact F1</source>
        <translation>تطابق تام (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="317"/>
        <source>overlap F1</source>
        <translation>تداخل (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="318"/>
        <source>kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="319"/>
        <source>alpha</source>
        <translation>ألفا</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="320"/>
        <source>overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="321"/>
        <source>Agreement by label</source>
        <translation>الاتفاق حسب الوسم</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="322"/>
        <source>Agreement by pair of annotators</source>
        <translation>الاتفاق حسب كل زوج من المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="323"/>
        <source>Documents by overlap F1</source>
        <translation>المستندات حسب التداخل (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="324"/>
        <source>documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="325"/>
        <source>The documents with the lowest overlap F1</source>
        <translation>المستندات الأدنى في التداخل (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="326"/>
        <source>No document could be compared</source>
        <translation>لا يوجد مستند يمكن مقارنته</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_dashboard.py" line="327"/>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
</context>
<context>
    <name>AnnotatorDialog</name>
    <message>
        <location filename="../../ui/dialogs/annotator_dialog.py" line="27"/>
        <source>Switch Annotator</source>
        <translation>تبديل المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/annotator_dialog.py" line="38"/>
        <source>Annotator name:</source>
        <translation>اسم المُوسِّم:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/annotator_dialog.py" line="61"/>
        <source>New Annotator</source>
        <translation>مُوسِّم جديد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/annotator_dialog.py" line="63"/>
        <source>Nobody called %1 has annotated this database. Start a new layer as %1?</source>
        <translation>لم يوسِّم أحد باسم %1 في قاعدة البيانات هذه. أتبدأ طبقة جديدة باسم %1؟</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <location filename="../../ui/article/painting.py" line="178"/>
        <source>Speaker: %1</source>
        <translation>المتحدث: %1</translation>
    </message>
    <message>
        <location filename="../../ui/article/painting.py" line="183"/>
        <source>%1 → %2</source>
        <translation>%1 ← %2</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="54"/>
        <source>Assign Documents</source>
        <translation>توزيع المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="57"/>
        <source>1,3,5-9 (empty: every document, to spread)</source>
        <translation>1,3,5-9 (فارغ: كل المستندات، للتوزيع)</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="62"/>
        <source>Type a name and press Enter to add it</source>
        <translation>اكتب اسمًا واضغط Enter لإضافته</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="66"/>
        <source>&amp;Give every document to each checked annotator</source>
        <translation>إ&amp;سناد كل مستند إلى كل مُوسِّم محدَّد</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="67"/>
        <source>&amp;Spread: each document to N of the checked annotators</source>
        <translation>&amp;توزيع: كل مستند على N من المُوسِّمين المحدَّدين</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="78"/>
        <source>&amp;Documents:</source>
        <translation>المس&amp;تندات:</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="81"/>
        <source>Ann&amp;otators:</source>
        <translation>ال&amp;مُوسِّمون:</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="84"/>
        <source>New &amp;name:</source>
        <translation>&amp;اسم جديد:</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="89"/>
        <source>Annotators &amp;per document:</source>
        <translation>مُوسِّمون لكل &amp;مستند:</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="96"/>
        <source>Assign</source>
        <translation>إسناد</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="114"/>
        <source>Check at least one annotator.</source>
        <translation>حدِّد مُوسِّمًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <location filename="../../ui/review/assign_dialog.py" line="123"/>
        <source>Name the documents to assign, like 1,3,5-9.</source>
        <translation>اذكر المستندات المراد إسنادها، مثل 1,3,5-9.</translation>
    </message>
</context>
<context>
    <name>AttributionControls</name>
    <message>
        <location filename="../../ui/article/attribution_controls.py" line="30"/>
        <source>Select a claim first (Tab walks through the spans).</source>
        <translation>حدِّد تصريحًا أولًا (يتنقل Tab بين المقاطع الموسومة).</translation>
    </message>
    <message>
        <location filename="../../ui/article/attribution_controls.py" line="34"/>
        <source>This span cannot be attributed, or there is no speaker yet.</source>
        <translation>لا يمكن نسبة هذا المقطع، أو لا يوجد متحدث بعد.</translation>
    </message>
    <message>
        <location filename="../../ui/article/attribution_controls.py" line="44"/>
        <source>Attribute to</source>
        <translation>نسبة إلى</translation>
    </message>
    <message>
        <location filename="../../ui/article/attribution_controls.py" line="94"/>
        <source>Select the words in the article first.</source>
        <translation>حدِّد الكلمات في المقال أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/article/attribution_controls.py" line="110"/>
        <source>No entity to suggest for this span.</source>
        <translation>لا كيان مقترحًا لهذا المقطع.</translation>
    </message>
</context>
<context>
    <name>BackgroundRunner</name>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="162"/>
        <source>Exported %1 documents and %2 spans to %3</source>
        <translation>صُدِّر %1 من المستندات و%2 من المقاطع إلى %3</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="168"/>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="204"/>
        <source>Imported %1 spans and %2 links (%3 documents new, %4 matched)</source>
        <translation>استُورد %1 من المقاطع و%2 من الروابط (%3 مستندات جديدة، %4 مطابقة)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="200"/>
        <source>Importing annotations…</source>
        <translation>جارٍ استيراد الوسوم…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="211"/>
        <source>%n layer(s) unchanged.</source>
        <translation>
            <numerusform>%n طبقة بلا تغيير.</numerusform>
            <numerusform>طبقة واحدة بلا تغيير.</numerusform>
            <numerusform>طبقتان بلا تغيير.</numerusform>
            <numerusform>%n طبقات بلا تغيير.</numerusform>
            <numerusform>%n طبقةً بلا تغيير.</numerusform>
            <numerusform>%n طبقة بلا تغيير.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="213"/>
        <source>%n layer(s) replaced.</source>
        <translation>
            <numerusform>استُبدلت %n طبقة.</numerusform>
            <numerusform>استُبدلت طبقة واحدة.</numerusform>
            <numerusform>استُبدلت طبقتان.</numerusform>
            <numerusform>استُبدلت %n طبقات.</numerusform>
            <numerusform>استُبدلت %n طبقةً.</numerusform>
            <numerusform>استُبدلت %n طبقة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="216"/>
        <source>%n layer(s) under your own name left out: yours are never changed by an import.</source>
        <translation>
            <numerusform>تُركت %n طبقة باسمك: الاستيراد لا يغيّر طبقاتك أبدًا.</numerusform>
            <numerusform>تُركت طبقة واحدة باسمك: الاستيراد لا يغيّر طبقاتك أبدًا.</numerusform>
            <numerusform>تُركت طبقتان باسمك: الاستيراد لا يغيّر طبقاتك أبدًا.</numerusform>
            <numerusform>تُركت %n طبقات باسمك: الاستيراد لا يغيّر طبقاتك أبدًا.</numerusform>
            <numerusform>تُركت %n طبقةً باسمك: الاستيراد لا يغيّر طبقاتك أبدًا.</numerusform>
            <numerusform>تُركت %n طبقة باسمك: الاستيراد لا يغيّر طبقاتك أبدًا.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="222"/>
        <source>%n note(s) on what the files held that was left out or kept apart.</source>
        <translation>
            <numerusform>%n ملاحظة عمّا في الملفات مما تُرك أو فُصل.</numerusform>
            <numerusform>ملاحظة واحدة عمّا في الملفات مما تُرك أو فُصل.</numerusform>
            <numerusform>ملاحظتان عمّا في الملفات مما تُرك أو فُصل.</numerusform>
            <numerusform>%n ملاحظات عمّا في الملفات مما تُرك أو فُصل.</numerusform>
            <numerusform>%n ملاحظةً عمّا في الملفات مما تُرك أو فُصل.</numerusform>
            <numerusform>%n ملاحظة عمّا في الملفات مما تُرك أو فُصل.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="231"/>
        <source>%1 on “%2” (%3 spans here, %4 in the file)</source>
        <translation>%1 في “%2” (هنا %3 من المقاطع الموسومة، وفي الملف %4)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="235"/>
        <source>document %1</source>
        <translation>المستند %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="242"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… و%n غيرها</numerusform>
            <numerusform>… وواحد آخر</numerusform>
            <numerusform>… واثنان آخران</numerusform>
            <numerusform>… و%n أخرى</numerusform>
            <numerusform>… و%n أخرى</numerusform>
            <numerusform>… و%n أخرى</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="245"/>
        <source>Replace Changed Layers?</source>
        <translation>استبدال الطبقات المتغيّرة؟</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/background_runner.py" line="248"/>
        <source>%n layer(s) in this package differ from the copies imported before: the colleague has changed them since.</source>
        <translation>
            <numerusform>%n طبقة في هذه الحزمة تختلف عن النسخ المستوردة من قبل: غيّرها الزميل منذ ذلك الحين.</numerusform>
            <numerusform>طبقة واحدة في هذه الحزمة تختلف عن النسخة المستوردة من قبل: غيّرها الزميل منذ ذلك الحين.</numerusform>
            <numerusform>طبقتان في هذه الحزمة تختلفان عن النسختين المستوردتين من قبل: غيّرهما الزميل منذ ذلك الحين.</numerusform>
            <numerusform>%n طبقات في هذه الحزمة تختلف عن النسخ المستوردة من قبل: غيّرها الزميل منذ ذلك الحين.</numerusform>
            <numerusform>%n طبقةً في هذه الحزمة تختلف عن النسخ المستوردة من قبل: غيّرها الزميل منذ ذلك الحين.</numerusform>
            <numerusform>%n طبقة في هذه الحزمة تختلف عن النسخ المستوردة من قبل: غيّرها الزميل منذ ذلك الحين.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="255"/>
        <source>Replace them with the package&apos;s version? Nothing else is changed.</source>
        <translation>أتُستبدل بنسخة الحزمة؟ لن يتغيّر شيء آخر.</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="258"/>
        <source>Replace</source>
        <translation>استبدال</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="276"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="285"/>
        <location filename="../../ui/jobs/background_runner.py" line="297"/>
        <source>Cancelled: nothing was written.</source>
        <translation>أُلغي: لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="290"/>
        <source>Import cancelled: nothing was changed.</source>
        <translation>أُلغي الاستيراد: لم يتغيّر شيء.</translation>
    </message>
</context>
<context>
    <name>CompareActions</name>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="21"/>
        <source>&amp;Next Disagreement</source>
        <translation>الخلاف ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="22"/>
        <source>&amp;Previous Disagreement</source>
        <translation>الخلاف ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="24"/>
        <source>Accept &amp;A</source>
        <translation>قبول &amp;أ</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="25"/>
        <source>Accept &amp;B</source>
        <translation>قبول ب</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="26"/>
        <source>Accept B&amp;oth</source>
        <translation>قبول ال&amp;اثنين</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="27"/>
        <source>Accept N&amp;either</source>
        <translation>رفض ال&amp;اثنين</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="29"/>
        <source>Record &amp;Reason…</source>
        <translation>تسجيل ال&amp;سبب…</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="30"/>
        <source>&amp;Edit in Gold</source>
        <translation>&amp;تحرير في الطبقة الذهبية</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="31"/>
        <source>Accept All A&amp;greements</source>
        <translation>قبول كل الا&amp;تفاقات</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="32"/>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="32"/>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="37"/>
        <source>&amp;Overlay Layers</source>
        <translation>&amp;دمج الطبقتين في عرض واحد</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="39"/>
        <source>Both layers in one view, or side by side (Ctrl+Alt+O)</source>
        <translation>الطبقتان في عرض واحد، أو جنبًا إلى جنب (Ctrl+Alt+O)</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="41"/>
        <source>&amp;Difference List</source>
        <translation>&amp;قائمة الاختلافات</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="46"/>
        <source>Show the list of differences, or fold it away so the texts take the width (F9)</source>
        <translation>اعرض قائمة الاختلافات، أو اطوِها ليأخذ النصّان العرض كله (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="49"/>
        <source>Pre&amp;vious Document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="50"/>
        <source>Nex&amp;t Document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="51"/>
        <source>&amp;Open in Annotation Window</source>
        <translation>&amp;فتح في نافذة التوسيم</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="52"/>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="57"/>
        <source>&amp;Window</source>
        <translation>&amp;نافذة</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="58"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="60"/>
        <source>&amp;Decide</source>
        <translation>&amp;قرار</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="71"/>
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_actions.py" line="80"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
</context>
<context>
    <name>CompareSession</name>
    <message>
        <location filename="../../ui/review/compare_session.py" line="169"/>
        <source>The layers agree everywhere in this document.</source>
        <translation>تتفق الطبقتان في كل موضع من هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_session.py" line="175"/>
        <source>Went round to the first disagreement.</source>
        <translation>عُدنا إلى أول خلاف.</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_session.py" line="177"/>
        <source>Went round to the last disagreement.</source>
        <translation>عُدنا إلى آخر خلاف.</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_session.py" line="255"/>
        <source>Every difference in this document is decided.</source>
        <translation>حُسم كل اختلاف في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_session.py" line="272"/>
        <source>The reason goes with the decision you make next.</source>
        <translation>يُحفَظ السبب ويُسجَّل مع القرار الذي تتخذه بعده.</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_session.py" line="281"/>
        <source>Record Reason</source>
        <translation>تسجيل السبب</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_session.py" line="291"/>
        <source>No undecided agreements here.</source>
        <translation>لا اتفاقات غير محسومة هنا.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review/compare_session.py" line="294"/>
        <source>Accept %n Agreement(s)</source>
        <translation>
            <numerusform>قبول %n اتفاق</numerusform>
            <numerusform>قبول اتفاق واحد</numerusform>
            <numerusform>قبول اتفاقَين</numerusform>
            <numerusform>قبول %n اتفاقات</numerusform>
            <numerusform>قبول %n اتفاقًا</numerusform>
            <numerusform>قبول %n اتفاق</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_session.py" line="318"/>
        <source>The team server %1 cannot be reached; nothing was changed. Hamish reconnects by itself when it is back.</source>
        <translation>تعذّر الوصول إلى خادم الفريق %1؛ لم يتغيّر شيء. يعيد هامش الاتصال من تلقاء نفسه عند عودته.</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../ui/review/compare_window.py" line="73"/>
        <location filename="../../ui/review/compare_window.py" line="312"/>
        <source>Compare Layers</source>
        <translation>مقارنة الطبقات</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="124"/>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="131"/>
        <source>&amp;A:</source>
        <translation>&amp;أ:</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="132"/>
        <source>&amp;B:</source>
        <translation>ب:</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="133"/>
        <source>&amp;Gold layer:</source>
        <translation>الطبقة ال&amp;ذهبية:</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="251"/>
        <source>No later document with these layers.</source>
        <translation>لا مستند بعده فيه هاتان الطبقتان.</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="254"/>
        <source>No earlier document with these layers.</source>
        <translation>لا مستند قبله فيه هاتان الطبقتان.</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="304"/>
        <source>A: %1</source>
        <translation>أ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="305"/>
        <source>B: %1</source>
        <translation>ب: %1</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="306"/>
        <source>A: %1 and B: %2</source>
        <translation>أ: %1 و ب: %2</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="314"/>
        <source>document %1</source>
        <translation>المستند %1</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="317"/>
        <source>Compare “%1”: %2 (A) and %3 (B)</source>
        <translation>مقارنة “%1”: %2 (أ) و%3 (ب)</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="378"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../../ui/review/compare_window.py" line="379"/>
        <source>Why this decision?</source>
        <translation>لماذا هذا القرار؟</translation>
    </message>
</context>
<context>
    <name>DifferenceLegend</name>
    <message>
        <location filename="../../ui/review/difference_legend.py" line="49"/>
        <source>%1 of %2 decided</source>
        <translation>حُسم %1 من %2</translation>
    </message>
</context>
<context>
    <name>DifferenceTableModel</name>
    <message>
        <location filename="../../ui/review/difference_table.py" line="78"/>
        <source>Difference</source>
        <translation>الاختلاف</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_table.py" line="78"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_table.py" line="78"/>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_table.py" line="78"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>Differences</name>
    <message>
        <location filename="../../ui/review/difference_words.py" line="23"/>
        <source>Agree</source>
        <translation>اتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="24"/>
        <source>Other label</source>
        <translation>وسم مختلف</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="25"/>
        <source>Other extent</source>
        <translation>امتداد مختلف</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="26"/>
        <source>Only A</source>
        <translation>في أ وحدها</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="27"/>
        <source>Only B</source>
        <translation>في ب وحدها</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="28"/>
        <source>Other speakers</source>
        <translation>متحدثون مختلفون</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="36"/>
        <source>Accept A</source>
        <translation>قبول أ</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="37"/>
        <source>Accept B</source>
        <translation>قبول ب</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="38"/>
        <source>Both</source>
        <translation>الاثنان</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="39"/>
        <source>Neither</source>
        <translation>لا أحد منهما</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="40"/>
        <source>Edited in gold</source>
        <translation>حُرِّر في الطبقة الذهبية</translation>
    </message>
</context>
<context>
    <name>DocumentAgreementModel</name>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="62"/>
        <source>compared</source>
        <translation>قورن</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="63"/>
        <location filename="../../ui/review/agreement_models.py" line="64"/>
        <source>no spans</source>
        <translation>بلا مقاطع</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="65"/>
        <location filename="../../ui/review/agreement_models.py" line="66"/>
        <source>touched only by %1</source>
        <translation>عمل عليه %1 وحده</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="67"/>
        <source>not touched by everyone</source>
        <translation>لم يعمل عليه الجميع</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="83"/>
        <source>Id</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="84"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="85"/>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="86"/>
        <source>Exact F1</source>
        <translation>تطابق تام (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="87"/>
        <source>Overlap F1</source>
        <translation>تداخل (F1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_models.py" line="88"/>
        <source>Kappa</source>
        <translation>كابا</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../ui/panels/document_list.py" line="143"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_list.py" line="143"/>
        <source>Characters</source>
        <translation>الأحرف</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_list.py" line="143"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_list.py" line="143"/>
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_list.py" line="156"/>
        <source>(untitled %1)</source>
        <translation>(بلا عنوان %1)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_list.py" line="163"/>
        <source>● %1</source>
        <translation>● %1</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_list.py" line="180"/>
        <source>Assigned to you</source>
        <translation>مُسنَد إليك</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <location filename="../../ui/panels/document_panel.py" line="41"/>
        <source>Filter by title or id…</source>
        <translation>تصفية حسب العنوان أو المعرِّف…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_panel.py" line="45"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_panel.py" line="46"/>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_panel.py" line="47"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../ui/panels/document_panel.py" line="48"/>
        <source>Done</source>
        <translation>منجز</translation>
    </message>
</context>
<context>
    <name>EntityBrowser</name>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="47"/>
        <source>Filter entities…</source>
        <translation>تصفية الكيانات…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="51"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="52"/>
        <source>People</source>
        <translation>أشخاص</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="53"/>
        <source>Organisations</source>
        <translation>منظمات</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="54"/>
        <source>Places</source>
        <translation>أماكن</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="58"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="58"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="58"/>
        <location filename="../../ui/panels/entity_browser.py" line="199"/>
        <source>Mentions</source>
        <translation>الإشارات</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="78"/>
        <source>Edit…</source>
        <translation>تحرير…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="79"/>
        <source>Rename…</source>
        <translation>إعادة تسمية…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="80"/>
        <source>Merge Into…</source>
        <translation>دمج في…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="81"/>
        <source>Split Off Selected…</source>
        <translation>فصل المحدَّد…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="162"/>
        <source>person</source>
        <translation>شخص</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="163"/>
        <source>organisation</source>
        <translation>منظمة</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="164"/>
        <source>place</source>
        <translation>مكان</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="199"/>
        <source>Claims</source>
        <translation>التصريحات</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="241"/>
        <source>Rename Entity</source>
        <translation>إعادة تسمية الكيان</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="241"/>
        <source>New name:</source>
        <translation>الاسم الجديد:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="259"/>
        <source>Merge Entity</source>
        <translation>دمج كيان</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="260"/>
        <source>Merge “%1” into:</source>
        <translation>دمج «%1» في:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="286"/>
        <source>Split Entity</source>
        <translation>فصل كيان</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_browser.py" line="287"/>
        <source>Name of the new entity for the selected mentions:</source>
        <translation>اسم الكيان الجديد للإشارات المحدَّدة:</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="31"/>
        <source>Edit Entity</source>
        <translation>تحرير الكيان</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="34"/>
        <source>One alias a line</source>
        <translation>اسم بديل في كل سطر</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="37"/>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="38"/>
        <source>Aliases:</source>
        <translation>الأسماء البديلة:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="40"/>
        <source>Role or title:</source>
        <translation>الصفة أو المنصب:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="41"/>
        <source>Organisation:</source>
        <translation>المنظمة:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="42"/>
        <source>Country:</source>
        <translation>البلد:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="43"/>
        <source>Latitude:</source>
        <translation>خط العرض:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/entity_dialog.py" line="44"/>
        <source>Longitude:</source>
        <translation>خط الطول:</translation>
    </message>
</context>
<context>
    <name>ExchangeFlow</name>
    <message>
        <location filename="../../ui/jobs/exchange_flow.py" line="58"/>
        <source>Import Annotations</source>
        <translation>استيراد الوسوم</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/exchange_flow.py" line="76"/>
        <source>Nothing was changed</source>
        <translation>لم يتغيّر شيء</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/exchange_flow.py" line="82"/>
        <source>Imported, with Notes</source>
        <translation>اكتمل الاستيراد، مع ملاحظات</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/exchange_flow.py" line="84"/>
        <source>Show Details lists every note, file and record.</source>
        <translation>التفاصيل تسرد كل ملاحظة بملفها وسجلّها.</translation>
    </message>
</context>
<context>
    <name>Explainer</name>
    <message>
        <location filename="../../ui/review/difference_words.py" line="86"/>
        <source>Both say %1: %2</source>
        <translation>كلتاهما تقول %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="89"/>
        <source>Same extent, other label: A says %1, B says %2</source>
        <translation>الامتداد نفسه بوسم مختلف: أ تقول %1، و ب تقول %2</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="95"/>
        <source>Both say %1, over other extents: A %2, B %3</source>
        <translation>كلتاهما تقول %1 على امتدادين مختلفين: أ %2، و ب %3</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="101"/>
        <source>Only A: %1 %2</source>
        <translation>في أ وحدها: %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="103"/>
        <source>Only B: %1 %2</source>
        <translation>في ب وحدها: %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="106"/>
        <source>Both say %1 but attribute it differently: A to %2, B to %3</source>
        <translation>كلتاهما تقول %1 لكنهما تنسبانه إلى مختلفين: أ إلى %2، و ب إلى %3</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="120"/>
        <source>no one</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="121"/>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="125"/>
        <source>Decided: %1</source>
        <translation>القرار: %1</translation>
    </message>
    <message>
        <location filename="../../ui/review/difference_words.py" line="127"/>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="82"/>
        <source>Export Annotations</source>
        <translation>تصدير الوسوم</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="92"/>
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="93"/>
        <source>Documents marked done</source>
        <translation>المستندات المنجزة</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="95"/>
        <source>The open document</source>
        <translation>المستند المفتوح</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="97"/>
        <source>My layer (%1)</source>
        <translation>طبقتي (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="98"/>
        <source>Every annotator&apos;s layer</source>
        <translation>طبقات جميع المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="99"/>
        <source>Offsets in UTF-16 units (for tools that count them)</source>
        <translation>المواضع بوحدات UTF-16 (للأدوات التي تعدّها)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="102"/>
        <source>Label Studio 1.23.2 counts code points: leave this off for it. XMI is always in UTF-16 units.</source>
        <translation>يعدّ Label Studio 1.23.2 نقاط الترميز: اترك هذا الخيار معطّلًا له. أما XMI فمواضعه بوحدات UTF-16 دائمًا.</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="108"/>
        <source>The assistant&apos;s suggestions as predictions, to review in Label Studio</source>
        <translation>اقتراحات المساعد بوصفها تنبؤات (predictions) لمراجعتها في Label Studio</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="111"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="130"/>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="131"/>
        <source>Documents:</source>
        <translation>المستندات:</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="132"/>
        <source>Layers:</source>
        <translation>الطبقات:</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="135"/>
        <source>Save to:</source>
        <translation>الحفظ في:</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="141"/>
        <source>Export To</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="37"/>
        <source>Hamish&apos;s own: everything, versioned, with a published schema</source>
        <translation>صيغة هامش نفسها: كل شيء، برقم إصدار ومخطط منشور</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="40"/>
        <source>spans, links, entities and documents as CSV for spreadsheets (a folder, or a .zip)</source>
        <translation>المقاطع والروابط والكيانات والمستندات بصيغة CSV لجداول البيانات (مجلد، أو ملف ⁦.zip⁩)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="44"/>
        <source>one document a line with its spans and links</source>
        <translation>مستند في كل سطر مع مقاطعه وروابطه</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="45"/>
        <source>brat standoff: a .txt and .ann a document, with annotation.conf (a new folder)</source>
        <translation>صيغة brat المنفصلة: ملفا ⁦.txt⁩ و⁦.ann⁩ لكل مستند، مع ⁦annotation.conf⁩ (مجلد جديد)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="49"/>
        <source>CoNLL IOB2 for NER tools: speakers and locations, a token a line (a new folder)</source>
        <translation>صيغة CoNLL IOB2 لأدوات التعرّف على الكيانات: المتحدثون والأماكن، كلمة في كل سطر (مجلد جديد)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="53"/>
        <source>Label Studio tasks with annotations and relations, and its right-to-left labeling config</source>
        <translation>مهام Label Studio بالوسوم والعلاقات، مع إعداد وسم من اليمين إلى اليسار</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="58"/>
        <source>doccano relation JSONL (doccano drops overlapping spans unless the project allows overlap)</source>
        <translation>علاقات doccano بصيغة JSONL (يُسقط doccano المقاطع المتداخلة ما لم يسمح المشروع بالتداخل)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/export_dialog.py" line="63"/>
        <source>UIMA CAS XMI with its TypeSystem.xml, for INCEpTION (UTF-16 offsets; a new folder)</source>
        <translation>صيغة UIMA CAS XMI مع ⁦TypeSystem.xml⁩، لبرنامج INCEpTION (مواضع بوحدات UTF-16؛ مجلد جديد)</translation>
    </message>
</context>
<context>
    <name>GuidelinesDialog</name>
    <message>
        <location filename="../../ui/dialogs/guidelines_dialog.py" line="32"/>
        <source>Annotation Guidelines</source>
        <translation>دليل التوسيم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/guidelines_dialog.py" line="41"/>
        <source>Cannot read the guidelines %1: %2</source>
        <translation>تعذّرت قراءة الدليل %1: %2</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="40"/>
        <source>Articles (*.txt *.json *.jsonl *.ndjson *.zip);;All files (*)</source>
        <translation>مقالات (*.txt *.json *.jsonl *.ndjson *.zip);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="41"/>
        <source>Import Articles</source>
        <translation>استيراد مقالات</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="47"/>
        <source>Import Folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/import_flow.py" line="86"/>
        <source>Imported %n article(s); %1 duplicates and %2 empty texts skipped.</source>
        <translation>
            <numerusform>لم تُستورد أي مقالة، وتُخطّي %1 من المكرَّرات و%2 من النصوص الفارغة.</numerusform>
            <numerusform>استُوردت مقالة واحدة، وتُخطّي %1 من المكرَّرات و%2 من النصوص الفارغة.</numerusform>
            <numerusform>استُوردت مقالتان، وتُخطّي %1 من المكرَّرات و%2 من النصوص الفارغة.</numerusform>
            <numerusform>استُوردت %n مقالات، وتُخطّي %1 من المكرَّرات و%2 من النصوص الفارغة.</numerusform>
            <numerusform>استُوردت %n مقالةً، وتُخطّي %1 من المكرَّرات و%2 من النصوص الفارغة.</numerusform>
            <numerusform>استُوردت %n مقالة، وتُخطّي %1 من المكرَّرات و%2 من النصوص الفارغة.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="95"/>
        <source>Skipped files:</source>
        <translation>الملفات المتخطّاة:</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="96"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="103"/>
        <source>Import refused</source>
        <translation>رُفض الاستيراد</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="104"/>
        <source>Nothing was imported, because a file could not be read:</source>
        <translation>لم يُستورَد أي شيء، لتعذّر قراءة أحد الملفات:</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="109"/>
        <source>Skip Bad Files and Import the Rest</source>
        <translation>تخطّي الملفات التالفة واستيراد الباقي</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="118"/>
        <source>Import cancelled: nothing was imported.</source>
        <translation>أُلغي الاستيراد: لم يُستورَد أي شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="125"/>
        <source>Import failed</source>
        <translation>فشل الاستيراد</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/import_flow.py" line="126"/>
        <source>Nothing was imported.</source>
        <translation>لم يُستورَد أي شيء.</translation>
    </message>
</context>
<context>
    <name>ImportRunner</name>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="103"/>
        <source>Reading files…</source>
        <translation>جارٍ قراءة الملفات…</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="104"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="109"/>
        <source>Importing articles</source>
        <translation>استيراد المقالات</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/background_runner.py" line="118"/>
        <source>File %1 of %2: %3
%4 articles read</source>
        <translation>الملف %1 من %2: %3
المقالات المقروءة: %4</translation>
    </message>
</context>
<context>
    <name>LinksChoice</name>
    <message>
        <location filename="../../ui/article/links_choice.py" line="21"/>
        <source>the selected span&apos;s</source>
        <translation>روابط المقطع المحدَّد</translation>
    </message>
    <message>
        <location filename="../../ui/article/links_choice.py" line="22"/>
        <source>all</source>
        <translation>كل الروابط</translation>
    </message>
    <message>
        <location filename="../../ui/article/links_choice.py" line="23"/>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <location filename="../../ui/article/links_choice.py" line="67"/>
        <source>Links shown: %1 (%2 for the next choice)</source>
        <translation>الروابط المعروضة: %1 (%2 للخيار التالي)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="77"/>
        <source>Hamish</source>
        <translation>هامش</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Search</source>
        <translation>البحث</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>You (%1) have not annotated this database; %2 have. Annotator &gt; Switch Annotator (Ctrl+Shift+A) opens their layers.</source>
        <translation>لم توسِّم (%1) شيئًا في قاعدة البيانات هذه؛ وسَّم فيها %2. يفتح «المُوسِّم ‹ تبديل المُوسِّم» (Ctrl+Shift+A) طبقاتهم.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>Select some text first, then press a label key.</source>
        <translation>حدِّد نصًّا أولًا، ثم اضغط مفتاح أحد الوسوم.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>Every document is done.</source>
        <translation>جميع المستندات منجزة.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392"/>
        <source>(untitled)</source>
        <translation>(بلا عنوان)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>%1 — Hamish</source>
        <translation>%1 — هامش</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470"/>
        <source>About Hamish</source>
        <translation>حول هامش</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Hamish (هامش): annotate who said what, and where, in Arabic news.

Database: %1</source>
        <translation>هامش: وسم مَن قال ماذا، وأين، في الأخبار العربية.

قاعدة البيانات: %1</translation>
    </message>
</context>
<context>
    <name>MentionsModel</name>
    <message>
        <location filename="../../ui/panels/mentions_model.py" line="122"/>
        <source>Where</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <location filename="../../ui/panels/mentions_model.py" line="122"/>
        <source>Sentence</source>
        <translation>الجملة</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../ui/notice_bar.py" line="33"/>
        <location filename="../../ui/notice_bar.py" line="35"/>
        <source>Dismiss</source>
        <translation>إغلاق</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="69"/>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="70"/>
        <source>Assigned</source>
        <translation>المُسنَد</translation>
    </message>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="71"/>
        <source>Not started</source>
        <translation>لم يبدأ</translation>
    </message>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="72"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="73"/>
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="94"/>
        <source>Nobody has been assigned documents yet (Review &gt; Assign Documents…).</source>
        <translation>لم يُسنَد أي مستند إلى أحد بعد (مراجعة &gt; توزيع المستندات…).</translation>
    </message>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="100"/>
        <source>No document has been marked done by two or more of them yet.</source>
        <translation>لم يُعلَّم أي مستند منجزًا من اثنين منهم أو أكثر بعد.</translation>
    </message>
    <message>
        <location filename="../../ui/review/progress_panel.py" line="108"/>
        <source>Documents two or more of them finished: %1. On those: exact F1 %2, overlap F1 %3, kappa %4, alpha %5.</source>
        <translation>المستندات التي أنجزها اثنان منهم أو أكثر: %1. عليها: F1 التام %2، F1 بالتداخل %3، كابا %4، ألفا %5.</translation>
    </message>
</context>
<context>
    <name>ReviewFlow</name>
    <message>
        <location filename="../../ui/review/review_flow.py" line="57"/>
        <source>Compare Annotators</source>
        <translation>مقارنة المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_flow.py" line="58"/>
        <source>Open a document first: the comparison is of its layers.</source>
        <translation>افتح مستندًا أولًا: المقارنة بين طبقاته.</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_flow.py" line="86"/>
        <source>Agreement Dashboard</source>
        <translation>لوحة الاتفاق</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/review/review_flow.py" line="88"/>
        <source>Agreement needs the layers of two annotators or more; this database has %n.</source>
        <translation>
            <numerusform>يحتاج حساب الاتفاق إلى طبقات مُوسِّمَين أو أكثر؛ وليس في قاعدة البيانات هذه أيّ مُوسِّم (%n).</numerusform>
            <numerusform>يحتاج حساب الاتفاق إلى طبقات مُوسِّمَين أو أكثر؛ وفي قاعدة البيانات هذه مُوسِّم واحد.</numerusform>
            <numerusform>يحتاج حساب الاتفاق إلى طبقات مُوسِّمَين أو أكثر؛ وفي قاعدة البيانات هذه مُوسِّمان.</numerusform>
            <numerusform>يحتاج حساب الاتفاق إلى طبقات مُوسِّمَين أو أكثر؛ وفي قاعدة البيانات هذه %n مُوسِّمين.</numerusform>
            <numerusform>يحتاج حساب الاتفاق إلى طبقات مُوسِّمَين أو أكثر؛ وفي قاعدة البيانات هذه %n مُوسِّمًا.</numerusform>
            <numerusform>يحتاج حساب الاتفاق إلى طبقات مُوسِّمَين أو أكثر؛ وفي قاعدة البيانات هذه %n مُوسِّم.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/review/review_flow.py" line="146"/>
        <source>Now editing the gold layer “%1”; switch back with Annotator &gt; Switch Annotator.</source>
        <translation>تحرّر الآن الطبقة الذهبية “%1”؛ للعودة: المُوسِّم &gt; تبديل المُوسِّم.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search/panel.py" line="76"/>
        <source>Proclitics</source>
        <translation>السوابق</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="78"/>
        <source>Also find a word behind و ف ب ك ل and ال: الرقة finds بالرقة</source>
        <translation>ابحث أيضًا عن الكلمة مسبوقةً بـ و ف ب ك ل وبـ ال: «الرقة» تجد «بالرقة»</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="81"/>
        <source>Any label</source>
        <translation>أي وسم</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="86"/>
        <source>Entity…</source>
        <translation>الكيان…</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="88"/>
        <source>Spans of the entity with this name or alias (a claim through its speakers)</source>
        <translation>مقاطع الكيان الذي يحمل هذا الاسم أو الاسم البديل (والتصريح عبر متحدثيه)</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="134"/>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="169"/>
        <source>Words within the spans (or none)</source>
        <translation>كلمات داخل المقاطع الموسومة (أو لا شيء)</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="171"/>
        <source>Words in every document, or &quot;a phrase&quot;</source>
        <translation>كلمات في كل المستندات، أو &quot;عبارة&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="180"/>
        <source>Type at least 2 letters</source>
        <translation>اكتب حرفين على الأقل</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="236"/>
        <source>Search failed: %1</source>
        <translation>تعذّر البحث: %1</translation>
    </message>
    <message>
        <location filename="../../ui/search/panel.py" line="295"/>
        <source>Any annotator</source>
        <translation>أي مُوسِّم</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../ui/search/results.py" line="69"/>
        <source>said by %1</source>
        <translation>على لسان %1</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="71"/>
        <source>no speaker yet</source>
        <translation>بلا متحدث بعد</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="97"/>
        <source>No hits</source>
        <translation>لا نتائج</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="99"/>
        <source>1 hit</source>
        <translation>نتيجة واحدة</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="99"/>
        <source>%Ln hits</source>
        <translation>
            <numerusform>%Ln نتيجة</numerusform>
            <numerusform>نتيجة واحدة</numerusform>
            <numerusform>نتيجتان</numerusform>
            <numerusform>%Ln نتائج</numerusform>
            <numerusform>%Ln نتيجةً</numerusform>
            <numerusform>%Ln نتيجة</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="100"/>
        <source>1 document</source>
        <translation>مستند واحد</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="100"/>
        <source>%Ln documents</source>
        <translation>
            <numerusform>%Ln مستند</numerusform>
            <numerusform>مستند واحد</numerusform>
            <numerusform>مستندَين</numerusform>
            <numerusform>%Ln مستندات</numerusform>
            <numerusform>%Ln مستندًا</numerusform>
            <numerusform>%Ln مستند</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="101"/>
        <source>%1 in %2</source>
        <translation>%1 في %2</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="106"/>
        <source>No spans</source>
        <translation>لا مقاطع موسومة</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="107"/>
        <source>1 span</source>
        <translation>مقطع موسوم واحد</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="107"/>
        <source>%Ln spans</source>
        <translation>
            <numerusform>%Ln مقطع موسوم</numerusform>
            <numerusform>مقطع موسوم واحد</numerusform>
            <numerusform>مقطعان موسومان</numerusform>
            <numerusform>%Ln مقاطع موسومة</numerusform>
            <numerusform>%Ln مقطعًا موسومًا</numerusform>
            <numerusform>%Ln مقطع موسوم</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/search/results.py" line="111"/>
        <source>(showing the first %Ln)</source>
        <translation>
            <numerusform>(يُعرض أول %Ln منها)</numerusform>
            <numerusform>(يُعرض أول %Ln منها)</numerusform>
            <numerusform>(يُعرض أول %Ln منها)</numerusform>
            <numerusform>(يُعرض أول %Ln منها)</numerusform>
            <numerusform>(يُعرض أول %Ln منها)</numerusform>
            <numerusform>(يُعرض أول %Ln منها)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="114"/>
        <source>(untitled)</source>
        <translation>(بلا عنوان)</translation>
    </message>
</context>
<context>
    <name>ServerWatch</name>
    <message>
        <location filename="../../ui/session/server_watch.py" line="97"/>
        <source>The team server %1 cannot be reached. Nothing can be changed until it is back; Hamish reconnects by itself.</source>
        <translation>تعذّر الوصول إلى خادم الفريق %1. لا يمكن تغيير شيء حتى يعود؛ يعيد هامش الاتصال من تلقاء نفسه.</translation>
    </message>
    <message>
        <location filename="../../ui/session/server_watch.py" line="114"/>
        <source>Connected again to the team server %1.</source>
        <translation>عاد الاتصال بخادم الفريق %1.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../annotation/session/history.py" line="62"/>
        <source>Not done: %1</source>
        <translation>لم يُنفَّذ: %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/history.py" line="60"/>
        <source>Could not undo: %1</source>
        <translation>تعذّر التراجع: %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/history.py" line="66"/>
        <source>it was changed or deleted elsewhere; the view is refreshed</source>
        <translation>عُدِّل أو حُذف في مكان آخر، وقد حُدِّث العرض</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="27"/>
        <source>Nothing to tag: the selection holds no text.</source>
        <translation>لا شيء للوسم: التحديد لا يتضمن نصًّا.</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="33"/>
        <source>“%1” is already tagged %2.</source>
        <translation>«%1» موسوم مسبقًا بوسم %2.</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="39"/>
        <source>Tag %1</source>
        <translation>وسم %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="55"/>
        <source>Delete %1</source>
        <translation>حذف %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="71"/>
        <source>Change %1 to %2</source>
        <translation>تغيير %1 إلى %2</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="106"/>
        <source>The span cannot move further.</source>
        <translation>لا يمكن تحريك المقطع الموسوم أكثر من ذلك.</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="108"/>
        <location filename="../../annotation/session/span_commands.py" line="119"/>
        <source>Resize %1</source>
        <translation>تغيير حدود %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="126"/>
        <source>Mark as %1</source>
        <translation>تعيين الحالة: %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="150"/>
        <source>Attribute to %1</source>
        <translation>نسبة إلى %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="163"/>
        <source>Remove Attribution</source>
        <translation>إزالة النسبة</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="182"/>
        <source>Set %1</source>
        <translation>تعيين %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/entity_commands.py" line="44"/>
        <source>Link to %1</source>
        <translation>ربط بـ %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/entity_commands.py" line="46"/>
        <source>Unlink Entity</source>
        <translation>فك الربط بالكيان</translation>
    </message>
    <message>
        <location filename="../../annotation/session/entity_commands.py" line="65"/>
        <source>New Entity %1</source>
        <translation>كيان جديد %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/entity_commands.py" line="72"/>
        <source>Rename Entity</source>
        <translation>إعادة تسمية الكيان</translation>
    </message>
    <message>
        <location filename="../../annotation/session/entity_commands.py" line="78"/>
        <source>Edit Entity %1</source>
        <translation>تحرير الكيان %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/entity_commands.py" line="87"/>
        <source>Merge %1 into %2</source>
        <translation>دمج %1 في %2</translation>
    </message>
    <message>
        <location filename="../../annotation/session/entity_commands.py" line="98"/>
        <source>Split %1</source>
        <translation>فصل %1</translation>
    </message>
    <message>
        <location filename="../../annotation/session/suggestion_commands.py" line="94"/>
        <source>Suggestions to review: %1</source>
        <translation>اقتراحات للمراجعة: %1</translation>
    </message>
    <message>
        <location filename="../../ui/session/qt_session.py" line="165"/>
        <source>Not done: the team server %1 cannot be reached, and nothing was changed. Hamish reconnects by itself when it is back.</source>
        <translation>لم يُنفَّذ: تعذّر الوصول إلى خادم الفريق %1، ولم يتغيّر شيء. يعيد هامش الاتصال من تلقاء نفسه عند عودته.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="33"/>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="36"/>
        <source>As the system</source>
        <translation>كما في النظام</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="44"/>
        <source>The guidelines that come with Hamish</source>
        <translation>الدليل المرفق مع هامش</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="45"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="54"/>
        <source>A team project on a PostgreSQL server, opened when Hamish starts. Empty: this computer&apos;s own database. The password is asked for at start, or read from ~/.pgpass; it is never saved here.</source>
        <translation>مشروع فريق على خادم PostgreSQL يُفتح عند بدء هامش. إن تُرك فارغًا: قاعدة بيانات هذا الحاسوب. تُطلب كلمة المرور عند البدء أو تُقرأ من ‎~/.pgpass‎، ولا تُحفظ هنا أبدًا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="59"/>
        <source>&amp;Test Connection</source>
        <translation>&amp;اختبار الاتصال</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="69"/>
        <source>A new language applies when Hamish next starts.</source>
        <translation>تُطبَّق اللغة الجديدة عند تشغيل هامش في المرة القادمة.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="77"/>
        <source>Interface language:</source>
        <translation>لغة الواجهة:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="79"/>
        <source>Team guidelines (Markdown):</source>
        <translation>دليل الفريق (Markdown):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="80"/>
        <source>Team server (opened at start):</source>
        <translation>خادم الفريق (يُفتح عند البدء):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="86"/>
        <source>Team Guidelines</source>
        <translation>دليل الفريق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="86"/>
        <source>Markdown (*.md *.txt)</source>
        <translation>Markdown (*.md *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="95"/>
        <location filename="../../ui/dialogs/settings_dialog.py" line="115"/>
        <source>A team server&apos;s address starts with postgresql://</source>
        <translation>يبدأ عنوان خادم الفريق بـ ‎postgresql://‎</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="100"/>
        <source>Cannot connect: %1</source>
        <translation>تعذّر الاتصال: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="103"/>
        <source>no role</source>
        <translation>بلا دور</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="107"/>
        <source>Connected as %1 (%2).</source>
        <translation>متصل باسم %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="119"/>
        <source>Leave the password out of the address: Hamish asks for it at start, or reads it from ~/.pgpass.</source>
        <translation>لا تكتب كلمة المرور في العنوان: يطلبها هامش عند البدء، أو يقرؤها من ‎~/.pgpass‎.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="24"/>
        <source>Keyboard Shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="27"/>
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="27"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="44"/>
        <source>Select text</source>
        <translation>تحديد نص</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="45"/>
        <source>Shift+Arrows, Ctrl+Shift+Arrows, or drag (inside a span too)</source>
        <translation>Shift+الأسهم، أو Ctrl+Shift+الأسهم، أو السحب (داخل المقطع الموسوم أيضًا)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="50"/>
        <source>Click, without dragging</source>
        <translation>النقر، دون سحب</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="53"/>
        <source>Menu for a span, or for the selected text</source>
        <translation>قائمة المقطع الموسوم، أو النص المحدد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="54"/>
        <source>Right-click it</source>
        <translation>النقر عليه بالزر الأيمن</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="57"/>
        <source>Link a claim to its speaker</source>
        <translation>ربط تصريح بمتحدثه</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="57"/>
        <source>Ctrl+drag from claim to speaker</source>
        <translation>Ctrl+السحب من التصريح إلى المتحدث</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="47"/>
        <source>Select the next / previous span</source>
        <translation>تحديد المقطع الموسوم التالي / السابق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="49"/>
        <source>Select a span, or the next one under it</source>
        <translation>تحديد مقطع موسوم، أو المقطع التالي الواقع تحته</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="56"/>
        <source>Resize the selected span</source>
        <translation>تغيير حدود المقطع الموسوم المحدَّد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts_dialog.py" line="56"/>
        <source>Drag its edge</source>
        <translation>سحب طرفه</translation>
    </message>
</context>
<context>
    <name>SpanEditor</name>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="52"/>
        <source>Attribute to a Speaker… (A)</source>
        <translation>نسبة إلى متحدث… (A)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="54"/>
        <source>Remove Attribution</source>
        <translation>إزالة النسبة</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="109"/>
        <source>Select a span to edit its attributes, entity and links.</source>
        <translation>حدِّد مقطعًا موسومًا لتحرير سماته وكيانه وروابطه.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="127"/>
        <source>Entity</source>
        <translation>الكيان</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="208"/>
        <source>From Selection</source>
        <translation>من التحديد</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="209"/>
        <source>Use the text selected in the article as the cue</source>
        <translation>استخدام النص المحدَّد في المقال فعلًا للقول</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="225"/>
        <source>— none —</source>
        <translation>— لا شيء —</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="235"/>
        <source>New Entity from This Span</source>
        <translation>كيان جديد من هذا المقطع</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="241"/>
        <source>Accept Suggestion: %1 (E)</source>
        <translation>قبول الاقتراح: %1 (E)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="270"/>
        <source>Attributed to:</source>
        <translation>منسوب إلى:</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="275"/>
        <source>(no speaker yet)</source>
        <translation>(لا متحدث بعد)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_editor.py" line="279"/>
        <source>Claims attributed to this span:</source>
        <translation>التصريحات المنسوبة إلى هذا المقطع:</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <location filename="../../ui/panels/span_table.py" line="80"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_table.py" line="80"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../ui/panels/span_table.py" line="80"/>
        <source>Attributes</source>
        <translation>السمات</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/app.py" line="64"/>
        <source>Welcome to Hamish</source>
        <translation>مرحبًا بك في هامش</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="65"/>
        <source>Your name, as your annotations will be signed:</source>
        <translation>اسمك الذي ستُوقَّع به وسومك:</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="151"/>
        <source>%1

Password:</source>
        <translation>%1

كلمة المرور:</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="163"/>
        <source>The team server %1 stopped answering while Hamish was opening the project, and nothing was changed. Start Hamish again once the server is back.</source>
        <translation>توقف خادم الفريق %1 عن الاستجابة بينما كان هامش يفتح المشروع، ولم يتغيّر شيء. شغّل هامش من جديد بعد عودة الخادم.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="173"/>
        <source>Cannot open the database %1:</source>
        <translation>تعذّر فتح قاعدة البيانات %1:</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="132"/>
        <location filename="../../ui/wording.py" line="14"/>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="133"/>
        <location filename="../../ui/wording.py" line="15"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotation/session/span_commands.py" line="134"/>
        <location filename="../../ui/wording.py" line="16"/>
        <source>done</source>
        <translation>منجز</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../ui/panels/status_line.py" line="34"/>
        <location filename="../../ui/panels/status_line.py" line="112"/>
        <source>All changes saved</source>
        <translation>جميع التغييرات محفوظة</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="59"/>
        <source>Annotator: %1</source>
        <translation>المُوسِّم: %1</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="65"/>
        <source>Server: %1 (not connected)</source>
        <translation>الخادم: %1 (غير متصل)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="67"/>
        <source>Server: %1</source>
        <translation>الخادم: %1</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="70"/>
        <source>Server: %1 as %2</source>
        <translation>الخادم: %1 بصفة %2</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="79"/>
        <source>annotator</source>
        <translation>مُوسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="80"/>
        <source>curator</source>
        <translation>مُراجِع</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="81"/>
        <source>manager</source>
        <translation>مدير</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="82"/>
        <source>owner</source>
        <translation>مالك</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="92"/>
        <source>Status: %1</source>
        <translation>الحالة: %1</translation>
    </message>
    <message>
        <location filename="../../ui/panels/status_line.py" line="108"/>
        <source>Offset %1</source>
        <translation>الموضع %1</translation>
    </message>
</context>
<context>
    <name>SuggestionFlow</name>
    <message>
        <location filename="../../ui/article/layer_painter.py" line="64"/>
        <source>Suggested %1: Enter accepts, Backspace rejects</source>
        <translation>اقتراح %1: Enter للقبول، Backspace للرفض</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/suggestion_flow.py" line="94"/>
        <source>Suggestions: %1 here, %2 in all</source>
        <translation>الاقتراحات: %1 هنا، و%2 في المجموع</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/suggestion_flow.py" line="130"/>
        <source>Accepted %n suggestion(s)</source>
        <translation>
            <numerusform>قُبل %n اقتراح</numerusform>
            <numerusform>قُبل اقتراح واحد</numerusform>
            <numerusform>قُبل اقتراحان</numerusform>
            <numerusform>قُبلت %n اقتراحات</numerusform>
            <numerusform>قُبل %n اقتراحًا</numerusform>
            <numerusform>قُبل %n اقتراح</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/jobs/suggestion_flow.py" line="157"/>
        <source>No suggestions here: Annotate &gt; Suggest runs the assistant.</source>
        <translation>لا اقتراحات هنا: التوسيم &gt; اقتراحات يشغّل المساعد.</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/suggestion_flow.py" line="166"/>
        <source>Enter accepts this suggestion, Backspace rejects it.</source>
        <translation>Enter يقبل هذا الاقتراح، وBackspace يرفضه.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/suggestion_flow.py" line="191"/>
        <source>The assistant made %1 suggestions in %n document(s)</source>
        <translation>
            <numerusform>قدّم المساعد %1 اقتراحًا في لا مستندات</numerusform>
            <numerusform>قدّم المساعد %1 اقتراحًا في مستند واحد</numerusform>
            <numerusform>قدّم المساعد %1 اقتراحًا في مستندَين</numerusform>
            <numerusform>قدّم المساعد %1 اقتراحًا في %n مستندات</numerusform>
            <numerusform>قدّم المساعد %1 اقتراحًا في %n مستندًا</numerusform>
            <numerusform>قدّم المساعد %1 اقتراحًا في %n مستند</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/jobs/suggestion_flow.py" line="211"/>
        <source>The assistant is reading every document…</source>
        <translation>المساعد يقرأ كل المستندات…</translation>
    </message>
    <message>
        <location filename="../../ui/jobs/suggestion_flow.py" line="217"/>
        <source>Suggest for All Documents</source>
        <translation>اقتراح لكل المستندات</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/jobs/suggestion_flow.py" line="218"/>
        <source>You marked %n document(s) done: the assistant leaves them alone.</source>
        <translation>
            <numerusform>لم تعلِّم أي مستند منجزًا.</numerusform>
            <numerusform>علَّمتَ مستندًا واحدًا منجزًا: لن يقترح المساعد فيه شيئًا.</numerusform>
            <numerusform>علَّمتَ مستندَين منجزَين: لن يقترح المساعد فيهما شيئًا.</numerusform>
            <numerusform>علَّمتَ %n مستندات منجزة: لن يقترح المساعد فيها شيئًا.</numerusform>
            <numerusform>علَّمتَ %n مستندًا منجزًا: لن يقترح المساعد فيها شيئًا.</numerusform>
            <numerusform>علَّمتَ %n مستند منجز: لن يقترح المساعد فيها شيئًا.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/jobs/suggestion_flow.py" line="224"/>
        <source>Suggest on the documents marked done too</source>
        <translation>اقترح في المستندات المنجزة أيضًا</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../ui/wording.py" line="54"/>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="56"/>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="63"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="67"/>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
</TS>
