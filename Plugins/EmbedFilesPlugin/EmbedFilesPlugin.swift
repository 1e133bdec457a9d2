import Foundation
import PackagePlugin

/// Embeds files of the package into the target that uses this plugin, so that a copied `aclog`
/// binary runs alone: `Migrations/` and `Queries/` (as `EmbeddedSQL`) into ACLogSQLite, the report
/// templates of `dashboards/` (as `EmbeddedTemplates`) into ACLogRender, the web view's script and
/// style sheet of `dashboards/web/` (as `EmbeddedAssets`) into ACLogWeb.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL
        let (kind, folders, suffixes, outputName) = switch target.name {
        case "ACLogRender": ("templates", ["dashboards"], [".mustache"], "EmbeddedTemplates.swift")
        case "ACLogWeb": ("assets", ["dashboards/web"], [".js", ".css", ".svg"], "EmbeddedAssets.swift")
        default: ("sql", ["Migrations", "Queries", "Queries/store", "Queries/export"], [".sql"], "EmbeddedSQL.swift")
        }
        var inputs: [URL] = []
        for folder in folders.map({ root.appending(path: $0) }) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? []
            inputs += names.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted().map { folder.appending(path: $0) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: outputName)
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
