import Foundation

/// Splits a SQL script into statements at top-level semicolons, leaving alone semicolons inside quotes,
/// quoted identifiers, comments and dollar-quoted bodies (`$$ … $$`, `$tag$ … $tag$`).
/// PostgreSQL's extended protocol runs one statement at a time, so migrations are sent statement by statement.
enum SQLStatementSplitter {
    static func split(_ script: String) -> [String] {
        let characters = Array(script)
        var statements: [String] = []
        var current = ""
        var index = 0

        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, !isOnlyComments(trimmed) { statements.append(trimmed) }
            current = ""
        }

        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'", "\"":
                let end = closing(character, in: characters, from: index + 1)
                current += String(characters[index..<end])
                index = end
            case "-" where next == "-":
                let end = characters[index...].firstIndex(of: "\n") ?? characters.count
                current += String(characters[index..<end])
                index = end
            case "/" where next == "*":
                var end = index + 2
                while end + 1 < characters.count, !(characters[end] == "*" && characters[end + 1] == "/") { end += 1 }
                end = min(end + 2, characters.count)
                current += String(characters[index..<end])
                index = end
            case "$":
                if let tag = dollarTag(in: characters, at: index) {
                    let bodyStart = index + tag.count
                    let end = find(tag, in: characters, from: bodyStart).map { $0 + tag.count } ?? characters.count
                    current += String(characters[index..<end])
                    index = end
                } else {
                    current.append(character)
                    index += 1
                }
            case ";":
                flush()
                index += 1
            default:
                current.append(character)
                index += 1
            }
        }
        flush()
        return statements
    }

    private static func closing(_ quote: Character, in characters: [Character], from start: Int) -> Int {
        var index = start
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count, characters[index + 1] == quote { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }

    /// `$$` or `$identifier$` starting at `index`, or nil.
    private static func dollarTag(in characters: [Character], at index: Int) -> [Character]? {
        var end = index + 1
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" {
            end += 1
        }
        guard end < characters.count, characters[end] == "$" else { return nil }
        if end > index + 1, characters[index + 1].isNumber { return nil }  // $1 is a parameter
        return Array(characters[index...end])
    }

    private static func find(_ tag: [Character], in characters: [Character], from start: Int) -> Int? {
        guard characters.count >= tag.count else { return nil }
        var index = start
        while index + tag.count <= characters.count {
            if Array(characters[index..<(index + tag.count)]) == tag { return index }
            index += 1
        }
        return nil
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
    }
}
