import Foundation

/// `descent-bench`: measures Descent beside matplotlib and numpy (filled in by issue 8).
@main
enum BenchMain {
    static func main() {
        print("descent-bench: not implemented yet")
    }
}
