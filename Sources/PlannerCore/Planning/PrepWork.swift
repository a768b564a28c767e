/// The preparation of one item (issue 11, item 2): its tasks, each due on a day back-planned
/// from the item's date, with the hours each takes, so that staff time is booked in the weeks
/// the work happens (drafting, printing, scheduling, replying on the day), not the week the
/// item goes out. The staff tasks' hours add up to the item's effort (`EffortEstimates`); the
/// clinical sign-off is a clinician's time, not the comms staff's.
enum PrepWork {
    /// The noun a task names the item by.
    static func noun(_ channel: PlanChannel) -> String {
        switch channel {
        case .sms: return "text message"
        case .letter: return "letter"
        case .website: return "website page"
        case .social: return "social media post"
        }
    }

    /// The item's tasks, sorted by (due, task). How an item's hours are split over its tasks
    /// is an ASSUMPTION (no published figures): drafting takes half (a third for a social
    /// post), the last step the rest (the patient search and batch for a text, the mail merge,
    /// proof and upload for a letter, publishing a website page on its day, and for a social
    /// post a third to schedule it and a third to reply to comments on the day).
    static func tasks(
        _ channel: PlanChannel, date: CivilDate, effort e: EffortEstimates, calendar: SendingCalendar
    ) -> [PrepTask] {
        let centi = e.centiHours(channel)
        let extra = channel == .letter ? e.letterPrintWorkingDays : 0
        let draft = channel == .social ? centi / 3 : centi / 2
        let n = noun(channel)
        var tasks = [
            PrepTask(
                task: "Draft the \(n)", due: calendar.sendingDay(e.draftLeadWorkingDays + extra, before: date),
                centiHours: draft),
            signOff(channel, date: date, effort: e, calendar: calendar),
        ]
        switch channel {
        case .letter:
            tasks.append(
                PrepTask(
                    task:
                        "Send to print and post (\(e.letterPrintWorkingDays) working days' print and postage lead time)",
                    due: calendar.sendingDay(e.letterPrintWorkingDays, before: date), centiHours: centi - draft))
        case .sms:
            tasks.append(
                PrepTask(
                    task: "Run the patient search and schedule the batch", due: calendar.sendingDay(1, before: date),
                    centiHours: centi - draft))
        case .social:
            tasks.append(
                PrepTask(task: "Schedule the post", due: calendar.sendingDay(1, before: date), centiHours: draft))
            tasks.append(PrepTask(task: "Reply to comments on the day", due: date, centiHours: centi - 2 * draft))
        case .website:
            tasks.append(PrepTask(task: "Publish the website page", due: date, centiHours: centi - draft))
        }
        return tasks.sorted { ($0.due, $0.task) < ($1.due, $1.task) }
    }

    /// The item's clinical sign-off task (with the clinician's hours).
    static func signOff(
        _ channel: PlanChannel, date: CivilDate, effort e: EffortEstimates, calendar: SendingCalendar
    ) -> PrepTask {
        let extra = channel == .letter ? e.letterPrintWorkingDays : 0
        return PrepTask(
            task: "Clinical sign-off of the \(noun(channel))",
            due: calendar.sendingDay(e.signOffLeadWorkingDays + extra, before: date), centiHours: 0)
    }

    /// The staff hours (in hundredths) of `tasks` by the Monday (as a day number) of the week
    /// each is due, sorted by week; the clinical sign-off is left out (a clinician's time).
    static func staffCentiByWeek(_ tasks: [PrepTask]) -> [(week: Int, centi: Int)] {
        var out: [(week: Int, centi: Int)] = []
        for t in tasks where !t.isSignOff && t.centiHours > 0 {
            let w = t.due.mondayOfWeek.daysSinceEpoch
            if let i = out.firstIndex(where: { $0.week == w }) {
                out[i].centi += t.centiHours
            } else {
                out.append((w, t.centiHours))
            }
        }
        return out.sorted { $0.week < $1.week }
    }

    /// One clinical sign-off per campaign (issue 11, item 2): every item's own sign-off task is
    /// taken out and the campaign's first item (by date, then id) gets one for all its items,
    /// due by the earliest of their sign-off dates, with the clinician's hours. `items` must be
    /// sorted by (date, id).
    static func shareSignOffs(_ items: inout [PlanItem], effort: EffortEstimates, calendar: SendingCalendar) {
        var due: [String: CivilDate] = [:]
        var kinds: [String: [PlanChannel: Int]] = [:]
        for it in items {
            let d = signOff(it.channel, date: it.date, effort: effort, calendar: calendar).due
            due[it.campaign] = min(due[it.campaign] ?? d, d)
            kinds[it.campaign, default: [:]][it.channel, default: 0] += 1
        }
        var done = Set<String>()
        for i in items.indices {
            items[i].prepTasks.removeAll { $0.isSignOff }
            let c = items[i].campaign
            guard !done.contains(c), let date = due[c], let counts = kinds[c] else { continue }
            done.insert(c)
            let nouns = PlanChannel.allCases.compactMap { x in
                counts[x].map { $0 == 1 ? noun(x) : noun(x) + "s" }
            }
            let listed = nouns.count < 2 ? nouns.joined() : nouns.dropLast().joined(separator: ", ") + " and " + nouns.last!
            items[i].prepTasks.append(
                PrepTask(
                    task: "Clinical sign-off of the campaign's \(listed)", due: date,
                    centiHours: effort.signOffCentiHours))
            items[i].prepTasks.sort { ($0.due, $0.task) < ($1.due, $1.task) }
        }
    }
}
