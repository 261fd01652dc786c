// EPUBCheck on several books in one Java virtual machine: starting one, and EPUBCheck in it,
// takes most of the time of checking a small book. Run as a source file, with EPUBCheck's jar
// on the class path: java -cp epubcheck.jar CheckBooks.java a.epub a.json b.epub b.json ...
// Each book's report is written as JSON, as "epubcheck book.epub --json report.json -q" does.
public class CheckBooks {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new com.adobe.epubcheck.tool.EpubChecker().run(
                new String[] {args[i], "--json", args[i + 1], "-q"});
        }
    }
}
