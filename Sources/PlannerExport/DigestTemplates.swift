import Mustache

/// A digest template that cannot be read, with where: `digest-html.mustache:12:5: error: ...`.
public struct DigestTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `digest-text.mustache` or `digest-html.mustache`.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public var description: String {
        let at = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(at): error: \(message)"
    }
}

/// The digest's text and HTML templates (mustache source): the bundled ones, or a practice's own
/// `digest-text.mustache` and `digest-html.mustache` from the profile's `templates` folder.
///
/// Values (docs/digest.md): `practiceName`, `week` (2027-W03), `weekOf` (18 Jan), `weekRange`,
/// `subject`, `calendarFile`; lists `goingOut` (day, time, channel, title, audience, draft,
/// draftLines, hasDraft, approval, approved, id), `prep` (due, task, item, itemDay, who, done,
/// status, hasStatus, overdue), `approvals` (item, itemDay, due, overdue, who, id), `budget` (channel,
/// budget, spent, planned, left, over), `hours` (week, planned, available, left, over),
/// `warnings` (message, code); flags `hasGoingOut`, `hasPrep`, `hasApprovals`, `hasBudget`,
/// `hasWarnings`. The text template is not HTML-escaped; the HTML one is.
public struct DigestTemplates: Sendable, Hashable {
    public var text: String
    public var html: String

    public static let textFileName = "digest-text.mustache"
    public static let htmlFileName = "digest-html.mustache"

    /// The bundled templates, each replaced by an override when given.
    public init(text: String? = nil, html: String? = nil) {
        self.text = text ?? Self.bundledText
        self.html = html ?? Self.bundledHTML
    }

    /// Parses both templates; the first problem of each, with its line and column.
    public func problems() -> [DigestTemplateError] {
        var out: [DigestTemplateError] = []
        if let e = Self.problem(Self.textPrefix + text, file: Self.textFileName) { out.append(e) }
        if let e = Self.problem(html, file: Self.htmlFileName) { out.append(e) }
        return out
    }

    static let textPrefix = "{{%CONTENT_TYPE:TEXT}}"

    private static func problem(_ source: String, file: String) -> DigestTemplateError? {
        do {
            _ = try MustacheTemplate(string: source)
            return nil
        } catch let e as MustacheTemplate.ParserError {
            return DigestTemplateError(
                file: file, line: e.context.lineNumber, column: e.context.columnNumber,
                message: "the template cannot be read (\(e.error))")
        } catch {
            return DigestTemplateError(file: file, line: nil, column: nil, message: "the template cannot be read (\(error))")
        }
    }

    /// Renders with the template, or the bundled one if it cannot be parsed (`problems()` is
    /// checked before anything is rendered, so that is only a guard).
    func renderText(_ values: [String: Any]) -> String {
        let t = (try? MustacheTemplate(string: Self.textPrefix + text)) ?? (try! MustacheTemplate(string: Self.textPrefix + Self.bundledText))
        return t.render(values)
    }

    func renderHTML(_ values: [String: Any]) -> String {
        let t = (try? MustacheTemplate(string: html)) ?? (try! MustacheTemplate(string: Self.bundledHTML))
        return t.render(values)
    }

    // MARK: Bundled

    public static let bundledText = """
        {{practiceName}}: the week of {{weekRange}} ({{week}})

        GOING OUT THIS WEEK
        {{#goingOut}}
        * {{day}}, {{time}}: {{channel}}, {{title}}
          To: {{audience}}
          Sign-off: {{approval}}
          Words:
        {{#draftLines}}
            {{.}}
        {{/draftLines}}

        {{/goingOut}}
        {{^goingOut}}
        Nothing goes out this week.
        {{/goingOut}}

        TO PREPARE (due this week, and for next week's items)
        {{#prep}}
        * {{due}}: {{task}} ({{item}}, {{itemDay}})
          Who: {{who}}{{#hasStatus}}
          Status: {{status}}{{/hasStatus}}
        {{/prep}}
        {{^prep}}
        Nothing to prepare this week.
        {{/prep}}

        WAITING FOR CLINICAL SIGN-OFF
        {{#approvals}}
        * {{item}}, goes out {{itemDay}}: sign-off due {{due}}{{#overdue}} (OVERDUE){{/overdue}}
          Who: {{who}}
          When done: planner decide approve {{id}}
        {{/approvals}}
        {{^approvals}}
        Nothing is waiting for sign-off.
        {{/approvals}}

        BUDGET
        {{#budget}}
        * {{channel}}: {{budget}} for the quarter; {{spent}} spent by Sunday, {{planned}} planned after; {{left}} left{{#over}} (OVER BUDGET){{/over}}
        {{/budget}}
        {{^budget}}
        No budgets are set in the profile.
        {{/budget}}

        STAFF HOURS
        {{#hours}}
        * {{week}}: {{planned}} of {{available}} hours planned, {{left}} left{{#over}} (OVER){{/over}}
        {{/hours}}

        WARNINGS FOR THESE TWO WEEKS
        {{#warnings}}
        * {{message}}
        {{/warnings}}
        {{^warnings}}
        None.
        {{/warnings}}

        The attached {{calendarFile}} holds this week's entries and prep tasks, with the same
        identifiers as calendar.ics, so importing it updates what is already there.
        """

    public static let bundledHTML = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{subject}}</title>
        </head>
        <body style="margin:0;padding:0;background-color:#f3f4f6;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
        <tr><td align="center" style="padding:16px;">
        <table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:640px;max-width:100%;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;color:#1f2937;">
        <tr><td style="padding:20px 24px;background-color:#005eb8;color:#ffffff;">
        <div style="font-size:13px;">{{practiceName}}</div>
        <div style="font-size:20px;line-height:28px;font-weight:bold;">{{subject}}</div>
        <div style="font-size:13px;">{{weekRange}} ({{week}})</div>
        </td></tr>

        <tr><td style="padding:20px 24px 4px 24px;"><h2 style="margin:0;font-size:18px;color:#005eb8;">Going out this week</h2></td></tr>
        <tr><td style="padding:8px 24px;">
        {{#hasGoingOut}}
        <table role="presentation" width="100%" cellpadding="6" cellspacing="0" border="0" style="border-collapse:collapse;">
        {{#goingOut}}
        <tr>
        <td valign="top" style="border-top:1px solid #d1d5db;width:110px;font-weight:bold;">{{day}}<br><span style="font-weight:normal;color:#4b5563;">{{time}}</span></td>
        <td valign="top" style="border-top:1px solid #d1d5db;">
        <strong>{{channel}}: {{title}}</strong><br>
        <span style="color:#4b5563;">To: {{audience}}</span><br>
        <span style="color:#4b5563;">Sign-off: {{approval}}</span>
        <div style="margin-top:6px;padding:8px;background-color:#f9fafb;border-left:3px solid #005eb8;">{{#draftLines}}{{.}}<br>{{/draftLines}}</div>
        </td>
        </tr>
        {{/goingOut}}
        </table>
        {{/hasGoingOut}}
        {{^hasGoingOut}}<p style="margin:0;">Nothing goes out this week.</p>{{/hasGoingOut}}
        </td></tr>

        <tr><td style="padding:20px 24px 4px 24px;"><h2 style="margin:0;font-size:18px;color:#005eb8;">To prepare</h2><div style="font-size:13px;color:#4b5563;">Due this week, and for next week's items</div></td></tr>
        <tr><td style="padding:8px 24px;">
        {{#hasPrep}}
        <table role="presentation" width="100%" cellpadding="6" cellspacing="0" border="0" style="border-collapse:collapse;">
        <tr><th align="left" style="border-bottom:2px solid #d1d5db;">Due</th><th align="left" style="border-bottom:2px solid #d1d5db;">Task</th><th align="left" style="border-bottom:2px solid #d1d5db;">Who</th></tr>
        {{#prep}}
        <tr>
        <td valign="top" style="border-bottom:1px solid #e5e7eb;white-space:nowrap;">{{due}}{{#overdue}}<br><span style="color:#b91c1c;font-weight:bold;">overdue</span>{{/overdue}}</td>
        <td valign="top" style="border-bottom:1px solid #e5e7eb;">{{task}}<br><span style="color:#4b5563;">{{item}}, {{itemDay}}</span>{{#done}}<br><span style="color:#047857;">{{status}}</span>{{/done}}</td>
        <td valign="top" style="border-bottom:1px solid #e5e7eb;">{{who}}</td>
        </tr>
        {{/prep}}
        </table>
        {{/hasPrep}}
        {{^hasPrep}}<p style="margin:0;">Nothing to prepare this week.</p>{{/hasPrep}}
        </td></tr>

        <tr><td style="padding:20px 24px 4px 24px;"><h2 style="margin:0;font-size:18px;color:#005eb8;">Waiting for clinical sign-off</h2></td></tr>
        <tr><td style="padding:8px 24px;">
        {{#hasApprovals}}
        <table role="presentation" width="100%" cellpadding="6" cellspacing="0" border="0" style="border-collapse:collapse;">
        {{#approvals}}
        <tr>
        <td valign="top" style="border-bottom:1px solid #e5e7eb;"><strong>{{item}}</strong>, goes out {{itemDay}}<br>Sign-off due {{due}}{{#overdue}} <span style="color:#b91c1c;font-weight:bold;">(overdue)</span>{{/overdue}} &middot; {{who}}<br><span style="font-family:Consolas,Menlo,monospace;font-size:13px;color:#4b5563;">planner decide approve {{id}}</span></td>
        </tr>
        {{/approvals}}
        </table>
        {{/hasApprovals}}
        {{^hasApprovals}}<p style="margin:0;">Nothing is waiting for sign-off.</p>{{/hasApprovals}}
        </td></tr>

        <tr><td style="padding:20px 24px 4px 24px;"><h2 style="margin:0;font-size:18px;color:#005eb8;">Budget and staff hours</h2></td></tr>
        <tr><td style="padding:8px 24px;">
        {{#hasBudget}}
        <table role="presentation" width="100%" cellpadding="6" cellspacing="0" border="0" style="border-collapse:collapse;">
        <tr><th align="left" style="border-bottom:2px solid #d1d5db;">Channel</th><th align="right" style="border-bottom:2px solid #d1d5db;">Quarter budget</th><th align="right" style="border-bottom:2px solid #d1d5db;">Spent by Sunday</th><th align="right" style="border-bottom:2px solid #d1d5db;">Planned after</th><th align="right" style="border-bottom:2px solid #d1d5db;">Left</th></tr>
        {{#budget}}
        <tr><td style="border-bottom:1px solid #e5e7eb;">{{channel}}</td><td align="right" style="border-bottom:1px solid #e5e7eb;">{{budget}}</td><td align="right" style="border-bottom:1px solid #e5e7eb;">{{spent}}</td><td align="right" style="border-bottom:1px solid #e5e7eb;">{{planned}}</td><td align="right" style="border-bottom:1px solid #e5e7eb;{{#over}}color:#b91c1c;font-weight:bold;{{/over}}">{{left}}</td></tr>
        {{/budget}}
        </table>
        {{/hasBudget}}
        {{^hasBudget}}<p style="margin:0;">No budgets are set in the profile.</p>{{/hasBudget}}
        <table role="presentation" width="100%" cellpadding="6" cellspacing="0" border="0" style="border-collapse:collapse;margin-top:12px;">
        {{#hours}}
        <tr><td style="border-bottom:1px solid #e5e7eb;">{{week}}</td><td align="right" style="border-bottom:1px solid #e5e7eb;{{#over}}color:#b91c1c;font-weight:bold;{{/over}}">{{planned}} of {{available}} staff hours planned, {{left}} left</td></tr>
        {{/hours}}
        </table>
        </td></tr>

        <tr><td style="padding:20px 24px 4px 24px;"><h2 style="margin:0;font-size:18px;color:#005eb8;">Warnings for these two weeks</h2></td></tr>
        <tr><td style="padding:8px 24px 20px 24px;">
        {{#hasWarnings}}
        <table role="presentation" width="100%" cellpadding="6" cellspacing="0" border="0" style="border-collapse:collapse;">
        {{#warnings}}
        <tr><td style="border-left:3px solid #d97706;background-color:#fffbeb;">{{message}}</td></tr>
        {{/warnings}}
        </table>
        {{/hasWarnings}}
        {{^hasWarnings}}<p style="margin:0;">None.</p>{{/hasWarnings}}
        </td></tr>

        <tr><td style="padding:16px 24px;background-color:#f9fafb;font-size:13px;color:#4b5563;">The attached {{calendarFile}} holds this week's entries and prep tasks with the same identifiers as calendar.ics, so importing it updates what is already there.</td></tr>
        </table>
        </td></tr>
        </table>
        </body>
        </html>
        """
}
