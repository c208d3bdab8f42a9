import XCTest
@testable import ScalingLaws

final class ScalingLawsSmokeTests: XCTestCase {}
