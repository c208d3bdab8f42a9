import XCTest
@testable import Tasks

final class TasksSmokeTests: XCTestCase {}
