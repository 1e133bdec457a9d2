@testable import ACLogRender
import Testing

/// The Mustache the report templates use, checked against examples of the Mustache spec
/// (github.com/mustache/spec, specs/*.yml).
struct ReportTemplateTests {
    func render(_ template: String, _ values: [String: Any]) throws -> String {
        try ReportTemplate(template).render(values)
    }

    @Test func variablesAreEscapedForHTMLUnlessTripleOrText() throws {
        let values: [String: Any] = ["forbidden": "& \" < > '", "n": 42, "x": 1.5]
        #expect(try render("{{forbidden}}", values) == "&amp; &quot; &lt; &gt; &#39;")
        #expect(try render("{{{forbidden}}}", values) == "& \" < > '")
        #expect(try render("{{& forbidden}}", values) == "& \" < > '")
        #expect(try render("{{% CONTENT_TYPE: TEXT}}\n{{forbidden}}", values) == "& \" < > '")
        #expect(try render("{{ n }} and {{x}}, [{{missing}}]", values) == "42 and 1.5, []")
    }

    @Test func sectionsRenderForTrueValuesAndOncePerListElement() throws {
        let values: [String: Any] = [
            "yes": true, "no": false, "list": [["item": 1], ["item": 2], ["item": 3]], "empty": [[String: Any]](),
            "name": "outer", "limit": "50%",
        ]
        #expect(try render("{{#yes}}shown{{/yes}}{{#no}}hidden{{/no}}", values) == "shown")
        #expect(try render("{{^yes}}hidden{{/yes}}{{^no}}shown{{/no}}", values) == "shown")
        #expect(try render("{{#list}}{{item}}{{/list}}", values) == "123")
        #expect(try render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", values) == "none")
        #expect(try render("[{{#missing}}found{{/missing}}][{{^missing}}absent{{/missing}}]", values) == "[][absent]")
        // A present value is rendered once, and names not in it come from outside.
        #expect(try render("{{#limit}}{{.}} of {{name}}{{/limit}}", values) == "50% of outer")
        #expect(try render("{{#list}}{{name}}{{item}} {{/list}}", values) == "outer1 outer2 outer3 ")
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let t = ["boolean": true]
        #expect(try render("| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", t) == "| This Is\n|\n| A Line\n")
        #expect(try render("| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", t) == "| This Is\n|\n| A Line\n")
        #expect(try render("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", t) == "|\r\n|")
        #expect(try render("  {{#boolean}}\n#{{/boolean}}\n/", t) == "#\n/")
        #expect(try render("#{{#boolean}}\n/\n  {{/boolean}}", t) == "#\n/\n")
        #expect(try render("Begin.\n{{! Comment Block! }}\nEnd.\n", t) == "Begin.\nEnd.\n")
        #expect(try render("| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", t) == "| This Is\n| A Line\n")
        // Not alone on its line: the line stays.
        #expect(try render(" {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", t) == " YES\n GOOD\n")
        // A variable is never standalone.
        #expect(try render("a\n{{missing}}\nb", t) == "a\n\nb")
    }

    @Test func malformedTemplatesAreErrorsNamingTheTag() {
        #expect(throws: ReportTemplate.SyntaxError.self) { try ReportTemplate("{{#a}}x") }
        #expect(throws: ReportTemplate.SyntaxError.self) { try ReportTemplate("{{#a}}x{{/b}}") }
        #expect(throws: ReportTemplate.SyntaxError.self) { try ReportTemplate("x{{/b}}") }
        #expect(throws: ReportTemplate.SyntaxError.self) { try ReportTemplate("{{name") }
        do {
            _ = try ReportTemplate("{{#services}}x{{/service}}")
        } catch {
            #expect(error.description == "report template: {{/service}} closes {{#services}}")
        }
    }
}
