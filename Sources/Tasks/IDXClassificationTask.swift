import Configuration
import Foundation
import Metrics
import Tensor

/// Image classification from MNIST-format IDX files (`task.fashion-mnist`, `task.mnist-idx`):
/// pixels scaled to [0, 1], the official test split, and a seeded validation split carved from
/// the training files.
public final class IDXClassificationTask: ClassifierTask, @unchecked Sendable {
    public let id: String
    public let parameters: ParameterValues
    public let seed: UInt64
    public let kind: TaskKind
    public let metrics: [MetricSpec] = [.accuracy, .crossEntropy]
    public let budget: DataBudget
    public let dataSource: String
    public let inputDim: Int
    public let targetsPerExample = 1
    public let classes: Int

    private let trainImages: [UInt8]
    private let trainLabels: [UInt8]
    private let testImages: [UInt8]
    private let testLabels: [UInt8]
    /// Rows of the training files used for training (exactly the budget) and for validation.
    private let trainRows: [Int]
    private let validationRows: [Int]

    /// The Fashion-MNIST class names, label order.
    public static let fashionClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// Where Debian's `dataset-fashion-mnist` puts the files.
    public static let fashionMNISTDefaultPath = "/usr/share/datasets/fashion-mnist"

    public static let fashionDescriptor = TaskDescriptor(
        id: "task.fashion-mnist",
        summary: "Fashion-MNIST: 28×28 grey clothing images in 10 classes (60k train, 10k official test)",
        family: .classifier,
        parameters: [
            .path("path", default: fashionMNISTDefaultPath,
                  "folder holding {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]"),
            .int("validation_examples", default: 5000, in: 0...30000, unit: "examples",
                 "seeded validation split carved from the training files"),
            .int("train_examples", default: 0, in: 0...60000, unit: "examples",
                 "data budget: training examples used (0 = all left after validation)"),
        ],
        metrics: [.accuracy, .crossEntropy],
        dataSource: "Debian package dataset-fashion-mnist (\(fashionMNISTDefaultPath)), IDX files, gzip",
        make: { p, seed in try IDXClassificationTask(id: "task.fashion-mnist", parameters: p, seed: seed) })

    public static let mnistIDXDescriptor = TaskDescriptor(
        id: "task.mnist-idx",
        summary: "any MNIST-format IDX image classification files you point to (e.g. MNIST, KMNIST, EMNIST)",
        family: .classifier,
        parameters: [
            .path("path", default: "", "folder holding the IDX files (required)"),
            .string("train_prefix", default: "train", "file name prefix of the training files"),
            .string("test_prefix", default: "t10k", "file name prefix of the test files"),
            .int("classes", default: 0, in: 0...256, "number of classes (0 = largest label + 1)"),
            .int("validation_examples", default: 5000, in: 0...1_000_000, unit: "examples",
                 "seeded validation split carved from the training files"),
            .int("train_examples", default: 0, in: 0...10_000_000, unit: "examples",
                 "data budget: training examples used (0 = all left after validation)"),
        ],
        metrics: [.accuracy, .crossEntropy],
        dataSource: "user files PREFIX-images-idx3-ubyte[.gz] and PREFIX-labels-idx1-ubyte[.gz] in `path`",
        make: { p, seed in try IDXClassificationTask(id: "task.mnist-idx", parameters: p, seed: seed) })

    public init(id: String, parameters: ParameterValues, seed: UInt64) throws {
        self.id = id
        self.parameters = parameters
        self.seed = seed
        let fashion = id == "task.fashion-mnist"
        let folder = parameters.string("path")
        if folder.isEmpty {
            throw TaskError.invalidConfiguration(
                owner: id, reason: "set path=/folder/with/idx/files (it holds train-images-idx3-ubyte[.gz] etc.)")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw TaskError.missingDataset(owner: id, path: folder,
                                           package: fashion ? "dataset-fashion-mnist" : nil, parameter: "path")
        }
        let trainPrefix = fashion ? "train" : parameters.string("train_prefix")
        let testPrefix = fashion ? "t10k" : parameters.string("test_prefix")
        func load(_ prefix: String, _ what: String) throws -> IDXArray {
            let base = (folder as NSString).appendingPathComponent("\(prefix)-\(what)-ubyte")
            for candidate in [base + ".gz", base] where FileManager.default.fileExists(atPath: candidate) {
                return try IDXArray.read(path: candidate)
            }
            throw TaskError.missingDataset(owner: id, path: base + "[.gz]",
                                           package: fashion ? "dataset-fashion-mnist" : nil, parameter: "path")
        }
        let trI = try load(trainPrefix, "images-idx3"), trL = try load(trainPrefix, "labels-idx1")
        let teI = try load(testPrefix, "images-idx3"), teL = try load(testPrefix, "labels-idx1")
        func check(_ images: IDXArray, _ labels: IDXArray, _ prefix: String) throws -> Int {
            let where_ = (folder as NSString).appendingPathComponent(prefix)
            guard images.type == .uint8, images.shape.count == 3 else {
                throw TaskError.corruptFile(path: where_ + "-images-idx3-ubyte",
                                            reason: "expected uint8 images [N, rows, cols], got \(images.type) \(images.shape)")
            }
            guard labels.type == .uint8, labels.shape.count == 1 else {
                throw TaskError.corruptFile(path: where_ + "-labels-idx1-ubyte",
                                            reason: "expected uint8 labels [N], got \(labels.type) \(labels.shape)")
            }
            guard images.shape[0] == labels.shape[0] else {
                throw TaskError.corruptFile(path: where_ + "-labels-idx1-ubyte",
                                            reason: "\(labels.shape[0]) labels for \(images.shape[0]) images")
            }
            return images.shape[1] * images.shape[2]
        }
        let d = try check(trI, trL, trainPrefix)
        let dTest = try check(teI, teL, testPrefix)
        guard d == dTest else {
            throw TaskError.invalidConfiguration(owner: id, reason: "train images have \(d) pixels, test images \(dTest)")
        }
        let maxLabel = Int(max(trL.payload.max() ?? 0, teL.payload.max() ?? 0))
        var classes = fashion ? 10 : parameters.int("classes")
        if classes == 0 { classes = maxLabel + 1 }
        guard maxLabel < classes else {
            throw TaskError.invalidConfiguration(owner: id, reason: "a label is \(maxLabel) but there are only \(classes) classes")
        }
        self.classes = classes
        inputDim = d
        kind = .classification(inputDim: d, classes: classes)
        trainImages = trI.payload
        trainLabels = trL.payload
        testImages = teI.payload
        testLabels = teL.payload

        let n = trL.shape[0]
        let nVal = parameters.int("validation_examples")
        guard nVal < n else {
            throw TaskError.invalidConfiguration(
                owner: id, reason: "validation_examples (\(nVal)) must be fewer than the \(n) training images")
        }
        var rng = RNG(seed: seed).derived("\(id) split")
        let perm = rng.permutation(n)
        validationRows = Array(perm[0..<nVal]).sorted()
        let pool = Array(perm[nVal...])
        let want = parameters.int("train_examples")
        guard want <= pool.count else {
            throw TaskError.invalidConfiguration(
                owner: id, reason: "train_examples (\(want)) exceeds the \(pool.count) training images left after validation")
        }
        // The pool is already in seeded random order: a budget takes a random subset.
        trainRows = want == 0 ? pool : Array(pool[0..<want])
        budget = DataBudget(unit: .examples, amount: trainRows.count, available: pool.count)
        dataSource = "\(folder) (\(n) train images, \(teL.shape[0]) test images, \(trI.shape[1])×\(trI.shape[2]))"
    }

    public func count(_ split: DataSplit) -> Int {
        switch split {
        case .train: return trainRows.count
        case .validation: return validationRows.count
        case .test: return testLabels.count
        }
    }

    /// The label of example `index` of `split`.
    public func label(_ split: DataSplit, _ index: Int) -> Int {
        switch split {
        case .train: return Int(trainLabels[trainRows[index]])
        case .validation: return Int(trainLabels[validationRows[index]])
        case .test: return Int(testLabels[index])
        }
    }

    /// The row of the training file (train and validation) or test file an example comes from.
    public func sourceRow(_ split: DataSplit, _ index: Int) -> Int {
        switch split {
        case .train: return trainRows[index]
        case .validation: return validationRows[index]
        case .test: return index
        }
    }

    public func write(_ split: DataSplit, _ index: Int, features: UnsafeMutablePointer<Float>,
                      targets: UnsafeMutablePointer<Int32>) {
        let row = sourceRow(split, index)
        let images = split == .test ? testImages : trainImages
        images.withUnsafeBufferPointer { px in
            let base = row * inputDim
            for j in 0..<inputDim { features[j] = Float(px[base + j]) * (1 / 255) }
        }
        targets[0] = Int32(label(split, index))
    }
}
