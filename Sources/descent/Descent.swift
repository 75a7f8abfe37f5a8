import ArgumentParser

@main
struct DescentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "descent")
    func run() throws {}
}
