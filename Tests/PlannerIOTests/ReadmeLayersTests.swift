import Foundation
import PlannerTestSupport
import Testing

/// README's "Layers" block lists each module with the modules it uses; it must say what
/// Package.swift declares.
@Suite struct ReadmeLayersTests {
    /// Target name -> its dependencies (targets and products), from Package.swift's text.
    static func packageDependencies() throws -> [String: Set<String>] {
        let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        let starts = [".target(", ".executableTarget(", ".systemLibrary("]
        var rest = Substring(text)
        while let found = starts.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            rest = rest[found.upperBound...]
            // The declaration runs to the next target (or the end of the list).
            let next = starts.compactMap { rest.range(of: $0)?.lowerBound }.min() ?? rest.endIndex
            let body = rest[..<next]
            guard let name = quoted(after: "name: ", in: body) else { continue }
            var deps = Set<String>()
            if let open = body.range(of: "dependencies: [") {
                var depth = 1
                var i = open.upperBound
                while i < body.endIndex, depth > 0 {
                    if body[i] == "[" { depth += 1 }
                    if body[i] == "]" { depth -= 1 }
                    i = body.index(after: i)
                }
                var list = body[open.upperBound..<i]
                while let q = list.firstIndex(of: "\"") {
                    let after = list.index(after: q)
                    guard let end = list[after...].firstIndex(of: "\"") else { break }
                    let word = String(list[after..<end])
                    let before = list[..<q]
                    // In `.product(name: "X", package: "Y")` the product is X; skip the package name.
                    if !before.hasSuffix("package: ") { deps.insert(word) }
                    list = list[list.index(after: end)...]
                }
            }
            result[name] = deps
        }
        return result
    }

    static func quoted(after key: String, in text: Substring) -> String? {
        guard let r = text.range(of: key + "\"") else { return nil }
        guard let end = text[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(text[r.upperBound..<end])
    }

    /// The lines `Module -> A, B` of README's Layers block.
    static func readmeLayers() throws -> [String: Set<String>] {
        let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(text.range(of: "## Layers"))
        let block = text[section.upperBound...]
        let open = try #require(block.range(of: "```\n"))
        let close = try #require(block[open.upperBound...].range(of: "```"))
        var layers: [String: Set<String>] = [:]
        for line in block[open.upperBound..<close.lowerBound].split(separator: "\n") {
            let parts = line.components(separatedBy: "->")
            guard parts.count == 2 else { continue }
            let deps = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            layers[parts[0].trimmingCharacters(in: .whitespaces)] = Set(deps.filter { $0 != "(none)" })
        }
        return layers
    }

    @Test func readmeLayersMatchPackageSwift() throws {
        let package = try Self.packageDependencies()
        let readme = try Self.readmeLayers()
        #expect(readme.count >= 6)
        for (module, deps) in readme.sorted(by: { $0.key < $1.key }) {
            #expect(package[module] == deps, "README says \(module) uses \(deps.sorted())")
        }
        // Every library target of the chain is in the README (tests, fuzzing and helpers aside).
        let chain = package.keys.filter { !$0.hasSuffix("Tests") && !$0.hasSuffix("Fuzz") && $0 != "PlannerTestSupport" && $0 != "CLibical" && $0 != "CCurl" }
        #expect(Set(chain) == Set(readme.keys))
    }
}
