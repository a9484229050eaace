import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.uima.UIMAFramework;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Feature;
import org.apache.uima.cas.FeatureStructure;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;

/**
 * Reads Hamish's XMI export with Apache UIMA's own Java library, as INCEpTION or any UIMA
 * pipeline would: `java ReadXmi TypeSystem.xml a.xmi b.xmi ...` prints one JSON object a line,
 * first {"file", "text"} for each file, then one for each of its annotations: type, begin and
 * end (UTF-16 units, as Java counts), getCoveredText(), and its features (strings as they are,
 * an annotation-valued feature such as Governor or Dependent as its type, begin and end).
 * Everything outside printable ASCII is written as \\uXXXX, so the output does not depend on
 * the platform's encoding.
 */
public final class ReadXmi {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        TypeSystemDescription types = UIMAFramework.getXMLParser()
                .parseTypeSystemDescription(new XMLInputSource(new File(args[0])));
        CAS cas = CasCreationUtils.createCas(types, null, null);
        for (int i = 1; i < args.length; i++) {
            cas.reset();
            try (InputStream in = new FileInputStream(args[i])) {
                XmiCasDeserializer.deserialize(in, cas); // strict: an unknown type fails
            }
            String file = new File(args[i]).getName();
            OUT.println("{\"file\":" + quote(file) + ",\"text\":" + quote(cas.getDocumentText()) + "}");
            for (AnnotationFS annotation : cas.getAnnotationIndex()) {
                String type = annotation.getType().getName();
                if (type.equals(CAS.TYPE_NAME_DOCUMENT_ANNOTATION)) {
                    continue;
                }
                StringBuilder line = new StringBuilder("{\"file\":").append(quote(file))
                        .append(",\"type\":").append(quote(type))
                        .append(",\"begin\":").append(annotation.getBegin())
                        .append(",\"end\":").append(annotation.getEnd())
                        .append(",\"covered\":").append(quote(annotation.getCoveredText()))
                        .append(",\"features\":{");
                String comma = "";
                for (Feature feature : annotation.getType().getFeatures()) {
                    String name = feature.getShortName();
                    if (name.equals("sofa") || name.equals("begin") || name.equals("end")) {
                        continue;
                    }
                    line.append(comma).append(quote(name)).append(':');
                    comma = ",";
                    if (feature.getRange().isPrimitive()) {
                        line.append(quote(annotation.getFeatureValueAsString(feature)));
                    } else {
                        line.append(reference(annotation.getFeatureValue(feature)));
                    }
                }
                OUT.println(line.append("}}"));
            }
        }
    }

    private static String reference(FeatureStructure value) {
        if (value == null) {
            return "null";
        }
        if (!(value instanceof AnnotationFS)) {
            return quote(value.getType().getName());
        }
        AnnotationFS target = (AnnotationFS) value;
        return "{\"type\":" + quote(target.getType().getName()) + ",\"begin\":" + target.getBegin()
                + ",\"end\":" + target.getEnd() + "}";
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i); // a UTF-16 unit: a surrogate pair is written as two
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
