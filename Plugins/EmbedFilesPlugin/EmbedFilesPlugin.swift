import Foundation
import PackagePlugin

/// Embeds files of the package into the target that uses this plugin, so that a copied `aclog`
/// binary runs alone: `Migrations/` and `Queries/` (as `EmbeddedSQL`) into ACLogSQLite, the report
/// templates of `dashboards/` (as `EmbeddedTemplates`) into ACLogRender.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL
        let (kind, folders, suffix) = target.name == "ACLogRender"
            ? ("templates", ["dashboards"], ".mustache")
            : ("sql", ["Migrations", "Queries", "Queries/store"], ".sql")
        var inputs: [URL] = []
        for folder in folders.map({ root.appending(path: $0) }) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? []
            inputs += names.filter { $0.hasSuffix(suffix) }.sorted().map { folder.appending(path: $0) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: kind == "sql" ? "EmbeddedSQL.swift" : "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) \(kind) files",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [kind, output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
